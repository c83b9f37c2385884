import type { CallParties } from './callRewriter.js';
import { SCENARIOS, type Actor, type ScenarioName, type Verb } from './callTemplates.js';
import type { PbxLine } from './pbxModel.js';

/**
 * The control interface's requests, checked (pure): `unknown` JSON in, a
 * call to start or an action to take out, or a message saying what is wrong.
 */
export interface StartRequest {
  readonly scenario: ScenarioName;
  readonly parties: CallParties;
  readonly autopilot: readonly number[] | undefined;
}

export interface Directory {
  readonly lines: ReadonlyMap<string, PbxLine>;
  readonly companyDid: string;
  readonly queueDid: string;
}

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const NUMBER = /^\+?\d{3,20}$/;
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

export function parseStartRequest(body: unknown, directory: Directory): Result<StartRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('the body is a JSON object');
  const b = body as Record<string, unknown>;
  const scenario = b['scenario'];
  if (typeof scenario !== 'string' || !Object.hasOwn(SCENARIOS, scenario)) return fail(`scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  const name = scenario as ScenarioName;
  const line = (key: string): PbxLine | string => {
    const value = b[key];
    if (typeof value !== 'string') return `${key} (a line) is required for ${name}`;
    return directory.lines.get(value) ?? `${key} ${value} is not a line of this PBX`;
  };
  const number = (key: string): string | undefined => {
    const value = b[key];
    return typeof value === 'string' && NUMBER.test(value) ? value : undefined;
  };
  let autopilot: number[] | undefined;
  if (b['autopilot'] !== undefined) {
    const value = b['autopilot'];
    if (!Array.isArray(value) || !value.every((n) => typeof n === 'number' && n >= 0 && n <= 3_600_000)) return fail('autopilot is a list of delays in ms (0 to 3,600,000)');
    autopilot = value as number[];
  }
  const callerName = typeof b['name'] === 'string' ? b['name'].slice(0, 60) : '';
  const from = number('from');
  const external = (): Result<NonNullable<CallParties['external']>> =>
    from === undefined ? fail('from (the outside caller: digits, optionally a leading +) is required') : { ok: true, value: { number: from, name: callerName } };

  let parties: CallParties;
  if (name === 'queue-answered') {
    const agents = b['agents'];
    if (!Array.isArray(agents) || agents.length !== 3) return fail('agents (the three lines the queue rings, the first answers) is required');
    const found = agents.map((a) => (typeof a === 'string' ? directory.lines.get(a) : undefined));
    if (found.some((a) => a === undefined)) return fail('agents must be lines of this PBX');
    const ext = external();
    if (!ext.ok) return ext;
    const [first, ...others] = found as [PbxLine, ...PbxLine[]];
    parties = { external: ext.value, did: number('did') ?? directory.queueDid, lineA: first, otherAgents: others };
  } else if (name === 'outbound-answered' || name === 'outbound-unanswered' || name === 'click-to-dial') {
    const a = line('line');
    if (typeof a === 'string') return fail(a);
    const to = number('to');
    if (to === undefined) return fail('to (the number dialled: digits, optionally a leading +) is required');
    parties = { lineA: a, remote: { dialled: to, e164: to } };
  } else if (name === 'internal') {
    const a = line('line');
    const to = line('to');
    if (typeof a === 'string') return fail(a);
    if (typeof to === 'string') return fail(to);
    if (to.line === a.line) return fail('a line cannot call itself');
    parties = { lineA: a, lineB: to };
  } else {
    const a = line('line');
    if (typeof a === 'string') return fail(a);
    const ext = external();
    if (!ext.ok) return ext;
    let lineB: PbxLine | undefined;
    if (name === 'blind-transfer') {
      const to = line('transferTo');
      if (typeof to === 'string') return fail(to);
      lineB = to;
    }
    parties = { external: ext.value, did: number('did') ?? directory.companyDid, lineA: a, ...(lineB === undefined ? {} : { lineB }) };
  }
  return { ok: true, value: { scenario: name, parties, autopilot } };
}

export function parseAction(body: unknown): Result<{ actor: Actor; verb: Verb }> {
  if (typeof body !== 'object' || body === null) return fail('the body is a JSON object');
  const b = body as Record<string, unknown>;
  const verbs: readonly Verb[] = ['answer', 'reject', 'hangup', 'transfer'];
  const actors: readonly Actor[] = ['external', 'remote', 'lineA', 'lineB'];
  if (!verbs.includes(b['verb'] as Verb)) return fail(`verb must be one of ${verbs.join(', ')}`);
  if (!actors.includes(b['actor'] as Actor)) return fail(`actor must be one of ${actors.join(', ')}`);
  return { ok: true, value: { actor: b['actor'] as Actor, verb: b['verb'] as Verb } };
}
