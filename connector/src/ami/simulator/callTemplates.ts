import { ConnectorError } from '../../errors.js';
import type { AmiField } from '../codec/amiMessage.js';
import type { TraceEvent } from './traceReplay.js';

/**
 * Recorded calls as templates (pure). A recorded scenario is cut into phases
 * at the moments the phones acted (ring, answer, transfer, hang up); a
 * simulated call replays those phases, each when its action happens, with
 * the recording's numbers, names, lines, channels and ids rewritten to the
 * new call's. The events keep the shapes and order the real Asterisk gave.
 */
export type Actor = 'external' | 'remote' | 'lineA' | 'lineB';
export type Verb = 'answer' | 'reject' | 'hangup' | 'transfer';

export interface PhaseTrigger {
  readonly actor: Actor;
  readonly verb: Verb;
}

export interface TemplatePhase {
  /** What starts this phase; undefined for the first (the call's own start). */
  readonly trigger: PhaseTrigger | undefined;
  readonly events: readonly { readonly offsetMs: number; readonly fields: readonly AmiField[] }[];
}

/** The values of the recording that a new call replaces. */
export interface TemplateRoles {
  readonly external?: { readonly number: string; readonly name: string };
  readonly did?: string;
  readonly lineA?: { readonly line: string; readonly name: string };
  readonly lineB?: { readonly line: string; readonly name: string };
  /** The queue's other agents, by line (they ring and are cancelled). */
  readonly otherAgents?: readonly { readonly line: string; readonly name: string }[];
  readonly remote?: { readonly dialled: string; readonly e164: string };
}

export interface CallTemplate {
  readonly scenario: ScenarioName;
  readonly roles: TemplateRoles;
  readonly phases: readonly TemplatePhase[];
}

export type ScenarioName =
  | 'inbound-answered' | 'inbound-missed' | 'inbound-busy-or-rejected' | 'internal' | 'outbound-answered'
  | 'outbound-unanswered' | 'queue-answered' | 'blind-transfer' | 'click-to-dial';

/** Each recording: its roles, and the action that starts each phase after the first (in order). */
export const SCENARIOS: Record<ScenarioName, { readonly roles: TemplateRoles; readonly triggers: readonly PhaseTrigger[] }> = {
  'inbound-answered': {
    roles: { external: { number: '+420601234567', name: 'Jan Novak' }, did: '224000100', lineA: { line: '201', name: 'Alice Agent' } },
    triggers: [{ actor: 'lineA', verb: 'answer' }, { actor: 'external', verb: 'hangup' }],
  },
  'inbound-missed': {
    roles: { external: { number: '601234568', name: 'Petra Svobodova' }, did: '224000100', lineA: { line: '201', name: 'Alice Agent' } },
    triggers: [{ actor: 'external', verb: 'hangup' }],
  },
  'inbound-busy-or-rejected': {
    roles: { external: { number: '+420601234567', name: 'Jan Novak' }, did: '224000100', lineA: { line: '201', name: 'Alice Agent' } },
    triggers: [{ actor: 'lineA', verb: 'reject' }],
  },
  internal: {
    roles: { lineA: { line: '201', name: 'Alice Agent' }, lineB: { line: '203', name: 'Carol Agent' } },
    triggers: [{ actor: 'lineB', verb: 'answer' }, { actor: 'lineA', verb: 'hangup' }],
  },
  'outbound-answered': {
    roles: { lineA: { line: '202', name: 'Bob Agent' }, remote: { dialled: '0777888999', e164: '+420777888999' } },
    triggers: [{ actor: 'remote', verb: 'answer' }, { actor: 'lineA', verb: 'hangup' }],
  },
  'outbound-unanswered': {
    roles: { lineA: { line: '202', name: 'Bob Agent' }, remote: { dialled: '00420777888999', e164: '+420777888999' } },
    triggers: [{ actor: 'lineA', verb: 'hangup' }],
  },
  'queue-answered': {
    roles: {
      external: { number: '+420601234567', name: 'Jan Novak' }, did: '224000200', lineA: { line: '202', name: 'Bob Agent' },
      otherAgents: [{ line: '201', name: 'Alice Agent' }, { line: '203', name: 'Carol Agent' }],
    },
    triggers: [{ actor: 'lineA', verb: 'answer' }, { actor: 'external', verb: 'hangup' }],
  },
  'blind-transfer': {
    roles: { external: { number: '+420601234567', name: 'Jan Novak' }, did: '224000100', lineA: { line: '201', name: 'Alice Agent' }, lineB: { line: '203', name: 'Carol Agent' } },
    triggers: [{ actor: 'lineA', verb: 'answer' }, { actor: 'lineA', verb: 'transfer' }, { actor: 'lineB', verb: 'answer' }, { actor: 'external', verb: 'hangup' }],
  },
  'click-to-dial': {
    roles: { lineA: { line: '201', name: 'Alice Agent' }, remote: { dialled: '+420777888999', e164: '+420777888999' } },
    triggers: [{ actor: 'lineA', verb: 'answer' }, { actor: 'remote', verb: 'answer' }, { actor: 'lineA', verb: 'hangup' }],
  },
};

/**
 * Cuts a recording into phases at the driver's action times: the first
 * action starts the call; each trigger's moment is the time of the driver
 * action describing it (the n-th action after the first that is not a mere
 * "is ringing" / "no channels left" note).
 */
export function buildTemplate(scenario: ScenarioName, events: readonly TraceEvent[], actions: readonly { readonly t: number; readonly text: string }[]): CallTemplate {
  const spec = SCENARIOS[scenario];
  const start = actions[0]?.t ?? 0;
  const note = /^(ext \d+ is ringing|PSTN destination is ringing|Asterisk has no channels left|AMI Originate response|ext \d+ phone closed its leg|external caller received the busy)/i;
  const moments = actions.slice(1).filter((a) => !note.test(a.text)).map((a) => a.t);
  if (moments.length < spec.triggers.length) {
    throw new ConnectorError('SIMULATOR_TEMPLATE', `the recording ${scenario} has ${moments.length} phone actions for ${spec.triggers.length} phases`);
  }
  const cuts = moments.slice(0, spec.triggers.length);
  const phases: { trigger: PhaseTrigger | undefined; events: { offsetMs: number; fields: readonly AmiField[] }[] }[] = [
    { trigger: undefined, events: [] },
    ...spec.triggers.map((trigger) => ({ trigger, events: [] })),
  ];
  for (const event of events) {
    if (event.t < start) continue; // the recording session's own log-in events
    let phase = 0;
    while (phase < cuts.length && event.t >= (cuts[phase] ?? Infinity)) phase++;
    const phaseStart = phase === 0 ? start : (cuts[phase - 1] ?? start);
    phases[phase]?.events.push({ offsetMs: Math.max(0, event.t - phaseStart), fields: event.fields });
  }
  return { scenario, roles: spec.roles, phases };
}
