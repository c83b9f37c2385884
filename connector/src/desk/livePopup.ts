import type { CallEventMessage, ContactCard, LiveCall } from '@cc/protocol';
import type { ExchangeConfig } from '../db/repositories/recorderConfigRepository.js';
import { formatInternational } from '../phone/phoneNumbers.js';

/**
 * What a line's pop-up shows for a call that starts ringing (pure): the
 * number as people read it, the activity type for its direction, the line's
 * user as the responsible person, and the contact cards found for the number.
 */
export function liveCallOf(
  event: Extract<CallEventMessage, { kind: 'ringing' }>,
  contacts: readonly ContactCard[],
  exchange: ExchangeConfig | undefined,
  activityTypes: { readonly incoming: string; readonly outgoing: string },
): LiveCall {
  const lineUser = (line: string | null): string | null => exchange?.lines.find((l) => l.line === line)?.userName ?? null;
  const other = event.otherLine === null ? '' : `${event.otherLine}${lineUser(event.otherLine) === null ? '' : ` (${lineUser(event.otherLine) ?? ''})`}`;
  return {
    exchangeId: event.exchangeId, callId: event.callId, line: event.line, state: 'ringing',
    direction: event.direction, internal: event.internal,
    remoteNumber: event.remoteNumber,
    remoteDisplay: event.remoteNumber === null ? other : formatInternational(event.remoteNumber),
    otherLine: event.otherLine,
    activityType: event.direction === 'inbound' ? activityTypes.incoming : activityTypes.outgoing,
    responsibleUser: lineUser(event.line),
    contacts,
    ringingSince: event.at,
    answeredAt: null,
  };
}
