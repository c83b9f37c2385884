/**
 * What the AMI stream carries, once cut into frames (pure). Headers keep
 * their order and repeats (`ChanVariable` several times), and a value keeps
 * everything after the first `: `.
 */
export type AmiField = readonly [key: string, value: string];

export interface AmiBanner {
  readonly kind: 'banner';
  /** `Asterisk Call Manager/11.0.0` */
  readonly text: string;
  /** `11.0.0` */
  readonly version: string;
}

export interface AmiEvent {
  readonly kind: 'event';
  readonly event: string;
  readonly fields: readonly AmiField[];
}

export interface AmiResponse {
  readonly kind: 'response';
  /** `Success`, `Error`, `Follows`, `Goodbye`, `Pong` … */
  readonly response: string;
  readonly actionId: string | undefined;
  readonly fields: readonly AmiField[];
  /** The raw output of a `Response: Follows` (up to `--END COMMAND--`); undefined otherwise. */
  readonly body: string | undefined;
}

/** What a client sends (read by the built-in PBX simulator). */
export interface AmiAction {
  readonly kind: 'action';
  readonly action: string;
  readonly actionId: string | undefined;
  readonly fields: readonly AmiField[];
}

export type AmiMessage = AmiBanner | AmiEvent | AmiResponse | AmiAction;

/** The first value of a header (AMI keys are case-insensitive). */
export function field(message: AmiEvent | AmiResponse | AmiAction, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of message.fields) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Every value of a repeated header, in order. */
export function fieldAll(message: AmiEvent | AmiResponse | AmiAction, key: string): string[] {
  const lower = key.toLowerCase();
  return message.fields.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

/** An event, response or action from its header lines; the first header decides which it is. */
export function messageFromFields(fields: readonly AmiField[], body: string | undefined): AmiEvent | AmiResponse | AmiAction | undefined {
  const first = fields[0];
  if (first === undefined) return undefined;
  const key = first[0].toLowerCase();
  const actionId = (): string | undefined => fields.find(([k]) => k.toLowerCase() === 'actionid')?.[1];
  if (key === 'event') return { kind: 'event', event: first[1], fields };
  if (key === 'response') return { kind: 'response', response: first[1], actionId: actionId(), fields, body };
  if (key === 'action') return { kind: 'action', action: first[1], actionId: actionId(), fields };
  return undefined;
}
