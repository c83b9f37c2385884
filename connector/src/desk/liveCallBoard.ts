import { missedBy, type CallGoneMessage, type ContactCard, type LiveCall } from '@cc/protocol';

/**
 * The calls ringing or up on each line now, as the desk shows them (pure).
 * It turns the recorder's call events into what each line's pop-up must do:
 * open (or refresh), or close and why. A line that answers closes every
 * other line's ringing pop-up for the call at once (ring-all queues), and
 * those are not missed calls.
 */
export interface LineMessage {
  readonly exchangeId: number;
  readonly line: string;
  readonly message: { readonly type: 'call'; readonly call: LiveCall } | CallGoneMessage;
}

const keyOf = (exchangeId: number, callId: string, line: string): string => `${exchangeId}/${callId}/${line}`;

export class LiveCallBoard {
  private readonly calls = new Map<string, LiveCall>();

  get size(): number {
    return this.calls.size;
  }

  /** A line rings (or rings again after a transfer): its pop-up opens, or shows the newer facts. */
  ringing(call: LiveCall): LineMessage[] {
    const key = keyOf(call.exchangeId, call.callId, call.line);
    const known = this.calls.get(key);
    // A repeated ringing event for a line already up changes nothing but the facts.
    const next: LiveCall = known?.state === 'up' ? { ...call, state: 'up', answeredAt: known.answeredAt } : call;
    this.calls.set(key, next);
    return [{ exchangeId: call.exchangeId, line: call.line, message: { type: 'call', call: next } }];
  }

  /** Newer contact facts (the number was assigned a contact, or the cards came late). */
  contacts(exchangeId: number, callId: string, line: string, contacts: readonly ContactCard[]): LineMessage[] {
    const key = keyOf(exchangeId, callId, line);
    const known = this.calls.get(key);
    if (known === undefined) return [];
    const next = { ...known, contacts };
    this.calls.set(key, next);
    return [{ exchangeId, line, message: { type: 'call', call: next } }];
  }

  answered(exchangeId: number, callId: string, line: string, at: string): LineMessage[] {
    const out: LineMessage[] = [];
    const key = keyOf(exchangeId, callId, line);
    const known = this.calls.get(key);
    if (known !== undefined && known.state === 'ringing') {
      const up: LiveCall = { ...known, state: 'up', answeredAt: at };
      this.calls.set(key, up);
      out.push({ exchangeId, line, message: { type: 'call', call: up } });
    }
    for (const [otherKey, call] of this.calls) {
      // Only lines the call rang at: a line that dialled out (an internal call's caller) is still in it.
      if (otherKey === key || call.exchangeId !== exchangeId || call.callId !== callId || call.state !== 'ringing' || call.direction !== 'inbound') continue;
      this.calls.delete(otherKey);
      out.push(gone(call, 'answered-elsewhere', false));
    }
    return out;
  }

  left(exchangeId: number, callId: string, line: string): LineMessage[] {
    const key = keyOf(exchangeId, callId, line);
    const known = this.calls.get(key);
    if (known === undefined) return [];
    this.calls.delete(key);
    return [gone(known, 'left', missedBy(known))];
  }

  ended(exchangeId: number, callId: string): LineMessage[] {
    const out: LineMessage[] = [];
    for (const [key, call] of this.calls) {
      if (call.exchangeId !== exchangeId || call.callId !== callId) continue;
      this.calls.delete(key);
      out.push(gone(call, 'ended', missedBy(call)));
    }
    return out;
  }

  get(exchangeId: number, callId: string, line: string): LiveCall | undefined {
    return this.calls.get(keyOf(exchangeId, callId, line));
  }

  /** The calls on the lines a client watches, for a client that (re)connects. */
  snapshot(watches: (exchangeId: number, line: string) => boolean): LiveCall[] {
    return [...this.calls.values()].filter((c) => watches(c.exchangeId, c.line));
  }
}

function gone(call: LiveCall, reason: CallGoneMessage['reason'], missed: boolean): LineMessage {
  return {
    exchangeId: call.exchangeId, line: call.line,
    message: { type: 'call.gone', exchangeId: call.exchangeId, callId: call.callId, line: call.line, reason, missed },
  };
}
