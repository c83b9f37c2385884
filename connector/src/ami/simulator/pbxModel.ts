import { ConnectorError } from '../../errors.js';
import type { Logger } from '../../log/logger.js';
import { field, type AmiAction, type AmiField } from '../codec/amiMessage.js';
import type { SimulatedAmiServer, ActionReply } from './amiServer.js';
import { CallRewriter, IdSource, type CallParties } from './callRewriter.js';
import type { Actor, CallTemplate, PhaseTrigger, ScenarioName, Verb } from './callTemplates.js';

export interface PbxLine {
  readonly line: string;
  readonly name: string;
}

/** How long a simulated phone waits before each action, when the simulator drives the call itself. */
export type Autopilot = readonly number[];

export interface SimulatedCallView {
  readonly id: number;
  readonly scenario: ScenarioName;
  readonly parties: CallParties;
  /** What the call waits for next, e.g. `lineA answer`; null once it has ended. */
  readonly expects: string | null;
  readonly lines: readonly string[];
}

interface Call {
  readonly id: number;
  readonly template: CallTemplate;
  parties: CallParties;
  readonly rewriter: CallRewriter;
  phase: number;
  readonly startedMs: number;
  answeredMs: number | undefined;
  readonly actionId: string | undefined;
  /** An Originate without Async: true gets no OriginateResponse (its answer waits for the line instead). */
  readonly quietOriginate: boolean;
  /** Told of every phase the call reaches. */
  onPhase: ((phase: number) => void) | undefined;
  timers: NodeJS.Timeout[];
  /** Events still to be sent, in order (a phase's events go out one after another). */
  sending: Promise<void>;
}

interface Channel {
  fields: Map<string, string>;
  readonly createdMs: number;
  bridgeId: string;
}

export interface PbxModelOptions {
  readonly server: SimulatedAmiServer;
  readonly templates: ReadonlyMap<ScenarioName, CallTemplate>;
  readonly logger?: Logger;
  /** Recorded gaps within a phase are divided by this (1 = as recorded). */
  readonly speed?: number;
  readonly now?: () => number;
  /** The line an extension belongs to (for Redirect). */
  readonly lineOf?: (extension: string) => PbxLine | undefined;
}

export type ActResult = { readonly ok: true; readonly call: SimulatedCallView } | { readonly ok: false; readonly status: 404 | 409; readonly error: string };

/**
 * The simulated PBX: calls replayed from recorded templates (see
 * callTemplates.ts), advanced by the phones' actions (the control interface,
 * AMI Hangup, or an autopilot), their events sent to every AMI client, and
 * the live channels kept as Asterisk would list them in CoreShowChannels.
 */
export class PbxModel {
  private readonly calls = new Map<number, Call>();
  private readonly channels = new Map<string, Channel & { readonly callId: number }>();
  private readonly ids: IdSource;
  private nextCallId = 0;
  private stopped = false;
  /** Emission waits in progress, so that stop() ends them. */
  private readonly waits = new Set<NodeJS.Timeout>();
  private readonly now: () => number;
  private readonly speed: number;

  constructor(private readonly options: PbxModelOptions) {
    this.now = options.now ?? Date.now;
    this.speed = options.speed ?? 1;
    this.ids = new IdSource(Math.floor(this.now() / 1000));
    options.server.handle('CoreShowChannels', () => this.coreShowChannels());
    options.server.handle('Hangup', (action) => this.amiHangup(action));
    options.server.handle('Redirect', (action) => this.amiRedirect(action));
  }

  /** A blind transfer to another line than the one the call was started with (chosen when it happens). */
  transferTo(callId: number, to: PbxLine): ActResult {
    const call = this.calls.get(callId);
    if (call === undefined) return { ok: false, status: 404, error: `no live call ${String(callId)}` };
    const next = call.template.phases[call.phase + 1]?.trigger;
    if (next?.verb !== 'transfer') return this.act(callId, 'lineA', 'transfer');
    call.parties = { ...call.parties, lineB: to };
    call.rewriter.retarget(call.parties);
    return this.act(callId, next.actor, 'transfer');
  }

  /** Starts a call: its first phase goes out now; an autopilot (ms before each next action) plays the rest. */
  start(scenario: ScenarioName, parties: CallParties, options: { actionId?: string; autopilot?: Autopilot; quietOriginate?: boolean } = {}): SimulatedCallView {
    const template = this.options.templates.get(scenario);
    if (template === undefined) throw new ConnectorError('SIMULATOR_TEMPLATE', `no recorded template for ${scenario}`);
    const call: Call = {
      id: ++this.nextCallId, template, parties, rewriter: new CallRewriter(template, parties, this.ids), phase: 0,
      startedMs: this.now(), answeredMs: undefined, actionId: options.actionId, quietOriginate: options.quietOriginate ?? false,
      onPhase: undefined, timers: [], sending: Promise.resolve(),
    };
    this.calls.set(call.id, call);
    this.emitPhase(call, 0);
    if (options.autopilot !== undefined) this.autopilot(call, options.autopilot);
    return this.view(call);
  }

  /** A phone's action: the call's next phase, if that is what the call waits for. */
  act(callId: number, actor: Actor, verb: Verb): ActResult {
    const call = this.calls.get(callId);
    if (call === undefined) return { ok: false, status: 404, error: `no live call ${String(callId)}` };
    const next = call.template.phases[call.phase + 1]?.trigger;
    if (next === undefined || next.actor !== actor || next.verb !== verb) {
      return { ok: false, status: 409, error: `call ${String(callId)} cannot take '${verb}' by ${this.describeActor(call, actor)} now; it waits for ${next === undefined ? 'nothing' : this.describe(call, next)}` };
    }
    call.phase++;
    if (verb === 'answer' && call.answeredMs === undefined) call.answeredMs = this.now();
    this.emitPhase(call, call.phase);
    call.onPhase?.(call.phase);
    if (call.phase === call.template.phases.length - 1) this.finish(call);
    return { ok: true, call: this.view(call) };
  }

  /** A line's action on whichever live call waits for it (as a phone acts on its own call); a transfer may name its target. */
  actOnLine(line: string, verb: Verb, transferTarget?: PbxLine): ActResult {
    for (const call of this.calls.values()) {
      const next = call.template.phases[call.phase + 1]?.trigger;
      if (next !== undefined && next.verb === verb && (next.actor === 'lineA' || next.actor === 'lineB') && call.parties[next.actor]?.line === line) {
        return transferTarget !== undefined && verb === 'transfer' ? this.transferTo(call.id, transferTarget) : this.act(call.id, next.actor, verb);
      }
    }
    return { ok: false, status: 409, error: `no live call waits for line ${line} to ${verb}` };
  }

  liveCalls(): SimulatedCallView[] {
    return [...this.calls.values()].map((c) => this.view(c));
  }

  /** Ends every call's timers and pending events; nothing is sent after it. */
  stop(): void {
    this.stopped = true;
    for (const call of this.calls.values()) for (const t of call.timers) clearTimeout(t);
    for (const wait of this.waits) clearTimeout(wait);
    this.waits.clear();
    this.calls.clear();
    this.channels.clear();
  }

  /**
   * AMI Originate from a line: the click-to-dial sequence the real PBX
   * produces. With `Async: true` the answer comes at once and an
   * OriginateResponse follows when the line answers; without it the answer
   * itself waits for the line (up to `Timeout` ms, default 30 s), as on Asterisk.
   */
  originate(action: AmiAction, lineOfChannel: (channel: string) => PbxLine | undefined, autopilot: Autopilot | undefined): ActionReply | Promise<ActionReply> {
    const channel = field(action, 'Channel') ?? '';
    const exten = field(action, 'Exten') ?? '';
    const line = lineOfChannel(channel);
    if (line === undefined) return { response: 'Error', fields: [['Message', 'Originate failed: no such line']] };
    if (!/^\+?\d{2,20}$/.test(exten)) return { response: 'Error', fields: [['Message', 'Originate failed: bad extension']] };
    const async = /^(true|yes|1|on)$/i.test(field(action, 'Async') ?? '');
    const started = this.start('click-to-dial', { lineA: line, remote: { dialled: exten, e164: exten } }, {
      ...(action.actionId === undefined ? {} : { actionId: action.actionId }),
      ...(autopilot === undefined ? {} : { autopilot }),
      quietOriginate: !async,
    });
    const queued: ActionReply = { response: 'Success', fields: [['Message', 'Originate successfully queued']] };
    if (async) return queued;
    const call = this.calls.get(started.id);
    if (call === undefined) return queued;
    const timeoutMs = Number(field(action, 'Timeout') ?? '30000') || 30_000;
    return new Promise<ActionReply>((resolve) => {
      const timer = setTimeout(() => {
        resolve({ response: 'Error', fields: [['Message', 'Originate failed']] });
      }, timeoutMs);
      call.timers.push(timer);
      call.onPhase = (phase) => {
        if (phase === 1) {
          clearTimeout(timer);
          resolve(queued);
        }
      };
    });
  }

  private emitPhase(call: Call, index: number): void {
    const phase = call.template.phases[index];
    if (phase === undefined) return;
    const base = this.now();
    call.sending = call.sending.then(async () => {
      for (const event of phase.events) {
        const due = base + event.offsetMs / this.speed;
        const wait = due - this.now();
        if (wait > 1) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              this.waits.delete(timer);
              resolve();
            }, wait);
            this.waits.add(timer);
          });
        }
        if (this.stopped) return;
        if (call.quietOriginate && event.fields[0]?.[1] === 'OriginateResponse') continue;
        const fields = call.rewriter.rewrite(event.fields, this.now(), call, call.actionId);
        this.track(fields, call.id);
        this.options.server.broadcast(fields);
      }
    });
  }

  private autopilot(call: Call, delays: Autopilot): void {
    let at = 0;
    call.template.phases.slice(1).forEach((phase, i) => {
      at += delays[i] ?? delays.at(-1) ?? 1_000;
      const trigger = phase.trigger;
      if (trigger === undefined) return;
      call.timers.push(setTimeout(() => {
        if (this.calls.get(call.id) !== call || call.phase !== i) return;
        this.act(call.id, trigger.actor, trigger.verb);
      }, at));
    });
  }

  private finish(call: Call): void {
    void call.sending.then(() => {
      for (const t of call.timers) clearTimeout(t);
      this.calls.delete(call.id);
    });
  }

  /** Live channels from the events, as CoreShowChannels lists them. */
  private track(fields: readonly AmiField[], callId: number): void {
    const get = (key: string): string | undefined => fields.find(([k]) => k === key)?.[1];
    const event = get('Event');
    const name = get('Channel');
    if (name === undefined) return;
    if (event === 'Newchannel') {
      this.channels.set(name, { fields: new Map(fields.filter(([k]) => k !== 'Event' && k !== 'Privilege' && k !== 'Timestamp')), createdMs: this.now(), bridgeId: '', callId });
      return;
    }
    const channel = this.channels.get(name);
    if (channel === undefined) return;
    if (event === 'Hangup') {
      this.channels.delete(name);
      return;
    }
    for (const key of ['ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName', 'Context', 'Exten', 'Priority']) {
      const value = get(key);
      if (value !== undefined) channel.fields.set(key, value);
    }
    if (event === 'Newexten') {
      channel.fields.set('Application', get('Application') ?? '');
      channel.fields.set('ApplicationData', get('AppData') ?? '');
    }
    if (event === 'BridgeEnter') channel.bridgeId = get('BridgeUniqueid') ?? '';
    if (event === 'BridgeLeave') channel.bridgeId = '';
  }

  private coreShowChannels(): ActionReply {
    const items = [...this.channels.entries()].map(([name, c]): AmiField[] => {
      const f = (key: string): string => c.fields.get(key) ?? '';
      const seconds = Math.floor((this.now() - c.createdMs) / 1000);
      const duration = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
      return [
        ['Event', 'CoreShowChannel'], ['Channel', name], ['ChannelState', f('ChannelState')], ['ChannelStateDesc', f('ChannelStateDesc')],
        ['CallerIDNum', f('CallerIDNum')], ['CallerIDName', f('CallerIDName')], ['ConnectedLineNum', f('ConnectedLineNum')],
        ['ConnectedLineName', f('ConnectedLineName')], ['Language', f('Language') || 'en'], ['AccountCode', f('AccountCode')],
        ['Context', f('Context')], ['Exten', f('Exten')], ['Priority', f('Priority')], ['Uniqueid', f('Uniqueid')], ['Linkedid', f('Linkedid')],
        ['Application', f('Application')], ['ApplicationData', f('ApplicationData')], ['Duration', duration], ['BridgeId', c.bridgeId],
      ];
    });
    return { response: 'Success', fields: [['Message', 'Channels will follow']], list: { items, completeEvent: 'CoreShowChannelsComplete' } };
  }

  /** AMI Hangup of a channel: the hang-up of whichever party owns it, if the call waits for that. */
  private amiHangup(action: AmiAction): ActionReply {
    const channel = field(action, 'Channel') ?? '';
    for (const call of this.calls.values()) {
      const next = call.template.phases[call.phase + 1]?.trigger;
      if (next?.verb !== 'hangup') continue;
      const party = next.actor === 'lineA' || next.actor === 'lineB' ? call.parties[next.actor]?.line : undefined;
      const owns = party !== undefined ? channel.startsWith(`PJSIP/${party}-`) : channel.startsWith('PJSIP/trunk-');
      if (owns && this.channels.has(channel)) {
        this.act(call.id, next.actor, 'hangup');
        return { response: 'Success', fields: [['Message', 'Channel Hungup']] };
      }
    }
    return { response: 'Error', fields: [['Message', 'No such channel']] };
  }

  /**
   * AMI Redirect of the outside caller's channel to a line's extension: the
   * blind transfer of a call that waits for one (what a transfer through AMI
   * does on a real PBX); the target is `Exten`.
   */
  private amiRedirect(action: AmiAction): ActionReply {
    const channel = this.channels.get(field(action, 'Channel') ?? '');
    const target = this.options.lineOf?.(field(action, 'Exten') ?? '');
    if (channel === undefined) return { response: 'Error', fields: [['Message', 'Channel specified does not exist']] };
    if (target === undefined) return { response: 'Error', fields: [['Message', 'Redirect failed: no such extension']] };
    const result = this.transferTo(channel.callId, target);
    return result.ok ? { response: 'Success', fields: [['Message', 'Redirect successful']] } : { response: 'Error', fields: [['Message', `Redirect failed: ${result.error}`]] };
  }

  private view(call: Call): SimulatedCallView {
    const next = call.template.phases[call.phase + 1]?.trigger;
    const lines = [call.parties.lineA?.line, call.parties.lineB?.line, ...(call.parties.otherAgents ?? []).map((a) => a.line)].filter((l): l is string => l !== undefined);
    return { id: call.id, scenario: call.template.scenario, parties: call.parties, expects: next === undefined ? null : this.describe(call, next), lines };
  }

  private describe(call: Call, trigger: PhaseTrigger): string {
    return `'${trigger.verb}' by ${this.describeActor(call, trigger.actor)}`;
  }

  private describeActor(call: Call, actor: Actor): string {
    if (actor === 'lineA' || actor === 'lineB') return `line ${call.parties[actor]?.line ?? '?'}`;
    return actor === 'external' ? 'the outside caller' : 'the outside party';
  }
}
