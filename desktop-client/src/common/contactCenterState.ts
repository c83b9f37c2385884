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

/** The sentences the reason is made of, in the user's language (i18n.ts has them all). */
export interface StateWords {
  notConnected(): string;
  unreachable(): string;
  databaseDown(): string;
  unknownExchange(id: number): string;
  exchangeDown(name: string, state: string, reason: string | null): string;
  connecting(): string;
  connected(name: string): string;
}

export const ENGLISH_STATE_WORDS: StateWords = {
  notConnected: () => 'Not connected to the contact center',
  unreachable: () => 'The connector cannot be reached',
  databaseDown: () => 'The connector has lost its database',
  unknownExchange: (id) => `Exchange ${id} is not served by this connector`,
  exchangeDown: (name, state, reason) => `Exchange ${name} is ${state}${reason === null ? '' : `: ${reason}`}`,
  connecting: () => 'Connecting to the connector…',
  connected: (name) => `Connected to ${name}`,
};

export function contactCenterState(inputs: ContactCenterInputs, words: StateWords = ENGLISH_STATE_WORDS): ContactCenterState {
  if (!inputs.wantsConnected) return { colour: 'white', reason: words.notConnected() };
  if (inputs.health === null) return { colour: 'orange', reason: words.unreachable() };
  if (inputs.health.database.state !== 'up') return { colour: 'orange', reason: words.databaseDown() };
  const exchange = inputs.health.exchanges.find((e) => e.id === inputs.exchangeId);
  if (exchange === undefined) return { colour: 'orange', reason: words.unknownExchange(inputs.exchangeId) };
  if (exchange.ami.state !== 'connected') return { colour: 'orange', reason: words.exchangeDown(exchange.name, exchange.ami.state, exchange.ami.reason) };
  if (!inputs.sessionOpen) return { colour: 'orange', reason: words.connecting() };
  return { colour: 'green', reason: words.connected(exchange.name) };
}
