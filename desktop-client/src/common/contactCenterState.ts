import type { HealthReport } from '@cc/protocol';

/**
 * The contact-center state the tray icon and the window show, as in K2:
 * green = connected, white = not connected, orange = the user wants to be
 * connected but it fails (with the reason on hover). Pure.
 */
export type StateColour = 'green' | 'white' | 'orange';

export interface ContactCenterInputs {
  /** The user pressed Connect (or the line connects automatically after login). */
  readonly wantsConnected: boolean;
  /** The last health report, or null when the connector could not be reached. */
  readonly health: HealthReport | null;
  /** The exchange the user's line belongs to. */
  readonly exchangeId: number;
  /** The push channel to the connector is open and logged in. */
  readonly sessionOpen: boolean;
}

export interface ContactCenterState {
  readonly colour: StateColour;
  readonly reason: string;
}

export function contactCenterState(inputs: ContactCenterInputs): ContactCenterState {
  if (!inputs.wantsConnected) return { colour: 'white', reason: 'Not connected to the contact center' };
  if (inputs.health === null) return { colour: 'orange', reason: 'The connector cannot be reached' };
  if (inputs.health.database.state !== 'up') return { colour: 'orange', reason: 'The connector has lost its database' };
  const exchange = inputs.health.exchanges.find((e) => e.id === inputs.exchangeId);
  if (exchange === undefined) return { colour: 'orange', reason: `Exchange ${inputs.exchangeId} is not served by this connector` };
  if (exchange.ami.state !== 'connected') {
    const why = exchange.ami.reason === null ? '' : `: ${exchange.ami.reason}`;
    return { colour: 'orange', reason: `Exchange ${exchange.name} is ${exchange.ami.state}${why}` };
  }
  if (!inputs.sessionOpen) return { colour: 'orange', reason: 'Connecting to the connector…' };
  return { colour: 'green', reason: `Connected to ${exchange.name}` };
}
