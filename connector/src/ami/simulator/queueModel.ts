import { field, type AmiAction, type AmiField } from '../codec/amiMessage.js';
import type { ActionReply, SimulatedAmiServer } from './amiServer.js';

interface Member {
  readonly name: string;
  readonly interface: string;
  readonly membership: 'static' | 'dynamic';
  penalty: number;
  paused: boolean;
  pausedReason: string;
  lastPause: number;
  readonly loginTime: number;
}

/**
 * The simulator's queues (ring-all `sales` by default): QueueStatus,
 * QueuePause, QueueAdd and QueueRemove answered with the responses, list
 * events and member events of Asterisk 22, headers as in the recordings'
 * QueueMemberStatus.
 */
export class QueueModel {
  private readonly queues = new Map<string, Map<string, Member>>();

  constructor(private readonly server: SimulatedAmiServer, queues: Readonly<Record<string, readonly { readonly line: string; readonly name: string }[]>>, private readonly now: () => number = Date.now) {
    const login = Math.floor(now() / 1000);
    for (const [queue, members] of Object.entries(queues)) {
      this.queues.set(queue, new Map(members.map((m): [string, Member] => [`PJSIP/${m.line}`, {
        name: m.name, interface: `PJSIP/${m.line}`, membership: 'static', penalty: 0, paused: false, pausedReason: '', lastPause: 0, loginTime: login,
      }])));
    }
    server.handle('QueueStatus', (action) => this.status(action));
    server.handle('QueuePause', (action) => this.pause(action));
    server.handle('QueueAdd', (action) => this.add(action));
    server.handle('QueueRemove', (action) => this.remove(action));
  }

  private status(action: AmiAction): ActionReply {
    const only = field(action, 'Queue');
    const items: AmiField[][] = [];
    for (const [queue, members] of this.queues) {
      if (only !== undefined && only !== queue) continue;
      items.push([
        ['Event', 'QueueParams'], ['Queue', queue], ['Max', '0'], ['Strategy', 'ringall'], ['Calls', '0'], ['Holdtime', '0'], ['TalkTime', '0'],
        ['Completed', '0'], ['Abandoned', '0'], ['ServiceLevel', '0'], ['ServicelevelPerf', '0.0'], ['ServicelevelPerf2', '0.0'], ['Weight', '0'],
      ]);
      for (const m of members.values()) items.push([['Event', 'QueueMember'], ['Queue', queue], ['Name', m.name], ['Location', m.interface], ...this.memberFields(m).slice(2)]);
    }
    return { response: 'Success', fields: [['Message', 'Queue status will follow']], list: { items, completeEvent: 'QueueStatusComplete' } };
  }

  private pause(action: AmiAction): ActionReply {
    const iface = field(action, 'Interface') ?? '';
    const paused = /^(true|yes|1|on)$/i.test(field(action, 'Paused') ?? '');
    const only = field(action, 'Queue');
    let found = false;
    for (const [queue, members] of this.queues) {
      if (only !== undefined && only !== queue) continue;
      const m = members.get(iface);
      if (m === undefined) continue;
      found = true;
      m.paused = paused;
      m.pausedReason = paused ? (field(action, 'Reason') ?? '') : '';
      if (paused) m.lastPause = Math.floor(this.now() / 1000);
      this.server.broadcast([['Event', 'QueueMemberPause'], ['Privilege', 'agent,all'], ['Timestamp', (this.now() / 1000).toFixed(6)], ['Queue', queue], ...this.memberFields(m)]);
    }
    return found
      ? { response: 'Success', fields: [['Message', paused ? 'Interface paused successfully' : 'Interface unpaused successfully']] }
      : { response: 'Error', fields: [['Message', 'Interface not found']] };
  }

  private add(action: AmiAction): ActionReply {
    const queue = this.queues.get(field(action, 'Queue') ?? '');
    const iface = field(action, 'Interface') ?? '';
    if (queue === undefined || !/^[A-Za-z]+\/[\w@.-]+$/.test(iface)) return { response: 'Error', fields: [['Message', 'Unable to add interface to queue: No such queue']] };
    if (queue.has(iface)) return { response: 'Error', fields: [['Message', 'Unable to add interface: Already there']] };
    const member: Member = {
      name: field(action, 'MemberName') ?? iface, interface: iface, membership: 'dynamic', penalty: Number(field(action, 'Penalty') ?? '0') || 0,
      paused: /^(true|yes|1)$/i.test(field(action, 'Paused') ?? ''), pausedReason: '', lastPause: 0, loginTime: Math.floor(this.now() / 1000),
    };
    queue.set(iface, member);
    this.server.broadcast([['Event', 'QueueMemberAdded'], ['Privilege', 'agent,all'], ['Timestamp', (this.now() / 1000).toFixed(6)], ['Queue', field(action, 'Queue') ?? ''], ...this.memberFields(member)]);
    return { response: 'Success', fields: [['Message', 'Added interface to queue']] };
  }

  private remove(action: AmiAction): ActionReply {
    const name = field(action, 'Queue') ?? '';
    const queue = this.queues.get(name);
    const iface = field(action, 'Interface') ?? '';
    const member = queue?.get(iface);
    if (queue === undefined || member === undefined) return { response: 'Error', fields: [['Message', 'Unable to remove interface: Not there']] };
    queue.delete(iface);
    this.server.broadcast([['Event', 'QueueMemberRemoved'], ['Privilege', 'agent,all'], ['Timestamp', (this.now() / 1000).toFixed(6)], ['Queue', name], ...this.memberFields(member)]);
    return { response: 'Success', fields: [['Message', 'Removed interface from queue']] };
  }

  /** The member headers of QueueMemberStatus in the recordings, from MemberName on. */
  private memberFields(m: Member): AmiField[] {
    return [
      ['MemberName', m.name], ['Interface', m.interface], ['StateInterface', m.interface], ['Membership', m.membership], ['Penalty', String(m.penalty)],
      ['CallsTaken', '0'], ['LastCall', '0'], ['LastPause', String(m.lastPause)], ['LoginTime', String(m.loginTime)], ['InCall', '0'], ['Status', '1'],
      ['Paused', m.paused ? '1' : '0'], ['PausedReason', m.pausedReason], ['Ringinuse', '0'], ['Wrapuptime', '0'],
    ];
  }
}
