import { messageFromFields, type AmiField, type AmiMessage } from './amiMessage.js';

/**
 * The JSON-lines trace format of ../shared/ami-traces (pure): one object per
 * message, `t` = receive time in ms, every header as a string, a header
 * repeated within one message stored as `Key`, `Key~2`, `Key~3` … in order.
 */
export type TraceRecord = Readonly<Record<string, string | number>> & { readonly t: number };

export function messageToRecord(message: AmiMessage, t: number): TraceRecord {
  if (message.kind === 'banner') return { t, Banner: message.text };
  const record: Record<string, string | number> = { t };
  const seen = new Map<string, number>();
  for (const [key, value] of message.fields) {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    record[n === 1 ? key : `${key}~${n}`] = value;
  }
  return record as TraceRecord;
}

export type RecordResult = { readonly ok: true; readonly message: AmiMessage; readonly t: number } | { readonly ok: false; readonly error: string };

/** A parsed JSON line back into the message it records; anything else is refused with a reason. */
export function recordToMessage(input: unknown): RecordResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, error: 'a trace line is a JSON object' };
  const entries = Object.entries(input as Record<string, unknown>);
  const t = (input as Record<string, unknown>)['t'];
  if (typeof t !== 'number' || !Number.isFinite(t)) return { ok: false, error: 'a trace line needs a numeric t' };
  const fields: AmiField[] = [];
  for (const [key, value] of entries) {
    if (key === 't') continue;
    if (typeof value !== 'string') return { ok: false, error: `${key} must be a string` };
    if (key === 'Banner' && entries.length === 2) {
      const version = /^Asterisk Call Manager\/(\S+)$/.exec(value)?.[1] ?? '';
      return { ok: true, t, message: { kind: 'banner', text: value, version } };
    }
    fields.push([key.replace(/~\d+$/, ''), value]);
  }
  const message = messageFromFields(fields, undefined);
  if (message === undefined || message.kind === 'action') return { ok: false, error: 'a trace line is a banner, an Event or a Response' };
  return { ok: true, t, message };
}
