import { escapeRegExp } from '../lineChannel.js';
import type { AmiField } from '../codec/amiMessage.js';
import type { CallTemplate, TemplateRoles } from './callTemplates.js';

/** The parties of a new call, in the places of the recording's (the same shape as its roles). */
export type CallParties = TemplateRoles;

/** Fresh identifiers, as one Asterisk hands them out (pure: counters, no clock). */
export class IdSource {
  private channel = 0;
  private unique = 0;
  private bridge = 0;

  constructor(private readonly bootSeconds: number) {}

  /** The 8-hex-digit suffix of a channel name, e.g. 0000001d. */
  channelSuffix(): string {
    return (this.channel++).toString(16).padStart(8, '0');
  }

  /** A Uniqueid: boot time and a running number, like `1795314107.12`. */
  uniqueId(): string {
    return `${String(this.bootSeconds)}.${String(this.unique++)}`;
  }

  bridgeId(): string {
    const n = (this.bridge++).toString(16).padStart(12, '0');
    return `5a1e0000-0000-4000-8000-${n}`;
  }
}

const TIME_FIELDS = new Set(['Timestamp', 'EventTime', 'EventTV', 'SessionTV', 'StartTime', 'AnswerTime', 'EndTime', 'SentNTP']);
const CHANNEL = /\b([A-Za-z0-9]+)\/([^\s,;/|]+?)-([0-9a-f]{8})(;\d)?\b/g;
const UNIQUE_ID = /\b\d{9,11}\.\d+\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;

export interface CallClock {
  /** When the call started, ms. */
  readonly startedMs: number;
  /** When it was first answered, ms, if it was. */
  readonly answeredMs: number | undefined;
}

/**
 * Rewrites the recording's events for one new call: every channel, Uniqueid,
 * Linkedid and bridge gets a fresh identity (the same one wherever it
 * recurs in the call), the recording's numbers, names and lines become the
 * new parties', and the time fields say when the event is sent.
 */
export class CallRewriter {
  private readonly channels = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly bridges = new Map<string, string>();
  private substitutions = new Map<string, string>();
  private pattern: RegExp | undefined;

  constructor(private readonly template: CallTemplate, parties: CallParties, private readonly idSource: IdSource) {
    this.retarget(parties);
  }

  /** New parties for what is still to come (a transfer target chosen when the transfer happens). */
  retarget(parties: CallParties): void {
    const table = substitutionTable(this.template.roles, parties);
    this.substitutions = new Map(table);
    const keys = table.map(([from]) => escapeRegExp(from));
    this.pattern = keys.length === 0 ? undefined : new RegExp(`(?<![0-9A-Za-z])(${keys.join('|')})(?![0-9A-Za-z])`, 'g');
  }

  rewrite(fields: readonly AmiField[], nowMs: number, clock: CallClock, actionId?: string): AmiField[] {
    return fields.map(([key, value]): AmiField => {
      if (TIME_FIELDS.has(key)) return [key, this.time(key, value, nowMs, clock)];
      if (key === 'ActionID' && actionId !== undefined) return [key, actionId];
      if (key === 'Duration') return [key, String(Math.round((nowMs - clock.startedMs) / 1000))];
      if (key === 'BillableSeconds') return [key, clock.answeredMs === undefined ? '0' : String(Math.round((nowMs - clock.answeredMs) / 1000))];
      return [key, this.value(value)];
    });
  }

  /** A channel name of the recording as this call names it (for the control interface). */
  channelFor(recorded: string): string | undefined {
    return this.channels.get(recorded);
  }

  private value(value: string): string {
    let out = value.replace(CHANNEL, (whole: string, tech: string, peer: string, _suffix: string, local: string | undefined) => {
      let mapped = this.channels.get(whole.replace(/;\d$/, ''));
      if (mapped === undefined) {
        mapped = `${tech}/${this.substitute(peer)}-${this.idSource.channelSuffix()}`;
        this.channels.set(whole.replace(/;\d$/, ''), mapped);
      }
      return `${mapped}${local ?? ''}`;
    });
    out = out.replace(UUID, (uuid) => this.mapped(this.bridges, uuid, () => this.idSource.bridgeId()));
    out = out.replace(UNIQUE_ID, (id) => this.mapped(this.ids, id, () => this.idSource.uniqueId()));
    // Channel names and Uniqueids are already this call's: substitute only outside them (a fresh
    // Uniqueid such as 1795314107.203 must not have its running number taken for line 203).
    return out
      .split(/(\b[A-Za-z0-9]+\/[^\s,;/|]+-[0-9a-f]{8}(?:;\d)?\b|\b\d{9,11}\.\d+\b)/)
      .map((part, i) => (i % 2 === 1 ? part : this.substitute(part)))
      .join('');
  }

  private substitute(text: string): string {
    if (this.pattern === undefined) return text;
    return text.replace(this.pattern, (match) => this.substitutions.get(match) ?? match);
  }

  private mapped(map: Map<string, string>, key: string, make: () => string): string {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  }

  private time(key: string, recorded: string, nowMs: number, clock: CallClock): string {
    if (recorded === '') return '';
    switch (key) {
      case 'Timestamp':
        return (nowMs / 1000).toFixed(6);
      case 'EventTV':
      case 'SessionTV':
        return new Date(nowMs).toISOString().replace('Z', '+0000');
      case 'StartTime':
        return sqlTime(clock.startedMs);
      case 'AnswerTime':
        return clock.answeredMs === undefined ? '' : sqlTime(clock.answeredMs);
      default:
        return sqlTime(nowMs);
    }
  }
}

function sqlTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Recording value → new value, longest first; numbers also without their `+`. */
function substitutionTable(recorded: TemplateRoles, parties: CallParties): [string, string][] {
  const table: [string, string][] = [];
  const add = (from: string | undefined, to: string | undefined): void => {
    if (from === undefined || to === undefined || from === to) return;
    table.push([from, to]);
    if (from.startsWith('+') && to.startsWith('+')) table.push([from.slice(1), to.slice(1)]);
    if (from.startsWith('+') && !to.startsWith('+')) table.push([from.slice(1), to]);
  };
  add(recorded.external?.number, parties.external?.number);
  add(recorded.external?.name, parties.external?.name);
  add(recorded.did, parties.did);
  add(recorded.remote?.e164, parties.remote?.e164);
  add(recorded.remote?.dialled, parties.remote?.dialled);
  add(recorded.lineA?.line, parties.lineA?.line);
  add(recorded.lineA?.name, parties.lineA?.name);
  add(recorded.lineB?.line, parties.lineB?.line);
  add(recorded.lineB?.name, parties.lineB?.name);
  recorded.otherAgents?.forEach((agent, i) => {
    add(agent.line, parties.otherAgents?.[i]?.line);
    add(agent.name, parties.otherAgents?.[i]?.name);
  });
  return table.sort((a, b) => b[0].length - a[0].length);
}
