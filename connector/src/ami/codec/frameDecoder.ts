import { messageFromFields, type AmiField, type AmiMessage } from './amiMessage.js';

/**
 * Bytes → AMI messages (pure, incremental). Feed it chunks exactly as the
 * socket delivers them: a frame may be cut at any byte, even inside a UTF-8
 * character or between `\r` and `\n`; "need more bytes" is the normal case.
 * Lines end with CRLF or a stray LF. Malformed input (a line without a
 * colon, a frame over the size limit, binary garbage) is counted, reported
 * and skipped; the stream goes on with the next frame.
 */
export interface DecoderProblem {
  readonly reason: 'line-without-colon' | 'frame-too-large' | 'frame-without-type';
  /** The first bytes of what was skipped, printable, for the log line. */
  readonly sample: string;
}

export type DecodedItem = { readonly kind: 'message'; readonly message: AmiMessage } | { readonly kind: 'problem'; readonly problem: DecoderProblem };

export interface DecoderStats {
  messages: number;
  problems: number;
}

const LF = 0x0a;
const CR = 0x0d;
const BANNER = /^Asterisk Call Manager\/(\S+)$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9_\-.()/]*$/;
const END_COMMAND = '--END COMMAND--';
/** Headers that may stand before the raw output of a `Response: Follows`. */
const FOLLOWS_HEADERS = new Set(['privilege', 'actionid', 'message']);
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024;

export class AmiFrameDecoder {
  readonly stats: DecoderStats = { messages: 0, problems: 0 };
  private pending: Buffer = Buffer.alloc(0);
  private expectBanner: boolean;
  private fields: AmiField[] = [];
  private frameBytes = 0;
  private skippingOversized = false;
  private follows: { headersDone: boolean; body: string[] } | undefined;
  private badLine: string | undefined;

  constructor(options: { expectBanner?: boolean; maxFrameBytes?: number } = {}) {
    this.expectBanner = options.expectBanner ?? true;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  private readonly maxFrameBytes: number;

  /** Takes the next chunk and returns every message (and problem) it completes. */
  push(chunk: Buffer): DecodedItem[] {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: DecodedItem[] = [];
    let start = 0;
    for (;;) {
      const lf = data.indexOf(LF, start);
      if (lf === -1) break;
      const end = lf > start && data[lf - 1] === CR ? lf - 1 : lf;
      this.line(data, start, end, out);
      start = lf + 1;
    }
    this.pending = start === 0 ? data : data.subarray(start);
    if (this.skippingOversized) {
      // What is being skipped is not kept: only the next line end matters.
      this.pending = Buffer.alloc(0);
    } else if (this.pending.length + this.frameBytes > this.maxFrameBytes) {
      // A "line" that never ends: drop it rather than buffer without bound.
      this.report(out, 'frame-too-large', this.pending.toString('latin1', 0, 40));
      this.pending = Buffer.alloc(0);
      this.skippingOversized = true;
      this.fields = [];
      this.follows = undefined;
    }
    return out;
  }

  private line(data: Buffer, start: number, end: number, out: DecodedItem[]): void {
    const length = end - start;
    if (this.skippingOversized) {
      if (length === 0) this.resetFrame();
      return;
    }
    if (this.follows?.headersDone === true) {
      this.frameBytes += length + 1;
      if (this.frameBytes > this.maxFrameBytes) {
        this.report(out, 'frame-too-large', 'Response: Follows');
        this.skippingOversized = true;
        this.fields = [];
        this.follows = undefined;
        return;
      }
      const text = data.toString('utf8', start, end);
      if (text === END_COMMAND) {
        this.finishFrame(out, this.follows.body.join('\n'));
        return;
      }
      this.follows.body.push(text);
      return;
    }
    if (length === 0) {
      if (this.fields.length > 0 || this.follows !== undefined || this.badLine !== undefined) this.finishFrame(out, this.follows?.body.join('\n'));
      else this.resetFrame();
      return;
    }
    this.frameBytes += length + 2;
    if (this.frameBytes > this.maxFrameBytes) {
      this.report(out, 'frame-too-large', data.toString('latin1', start, Math.min(end, start + 40)));
      this.skippingOversized = true;
      this.fields = [];
      this.follows = undefined;
      return;
    }
    const text = data.toString('utf8', start, end);
    if (this.expectBanner) {
      this.expectBanner = false;
      const banner = BANNER.exec(text);
      if (banner) {
        this.frameBytes = 0;
        this.stats.messages++;
        out.push({ kind: 'message', message: { kind: 'banner', text, version: banner[1] ?? '' } });
        return;
      }
    }
    const colon = text.indexOf(':');
    const key = colon > 0 ? text.slice(0, colon) : '';
    if (this.follows !== undefined && (colon <= 0 || !FOLLOWS_HEADERS.has(key.toLowerCase()) || !KEY.test(key))) {
      // The raw output of a `Response: Follows` starts at the first line that is not one of its headers.
      this.follows.headersDone = true;
      if (text === END_COMMAND) {
        this.finishFrame(out, '');
        return;
      }
      this.follows.body.push(text);
      return;
    }
    if (colon <= 0 || !KEY.test(key) || text.includes('\r')) {
      // A lone CR inside a line is not AMI: a header must not carry a line break.
      // Remembered and reported once the frame ends (a frame of garbage is one problem, not one per line).
      this.badLine ??= text.slice(0, 40);
      return;
    }
    const value = text.charCodeAt(colon + 1) === 0x20 ? text.slice(colon + 2) : text.slice(colon + 1);
    this.fields.push([key, value]);
    if (this.fields.length === 1 && key.toLowerCase() === 'response' && value.toLowerCase() === 'follows') {
      this.follows = { headersDone: false, body: [] };
    }
  }

  private finishFrame(out: DecodedItem[], body: string | undefined): void {
    if (this.badLine !== undefined) this.report(out, 'line-without-colon', this.badLine);
    const message = messageFromFields(this.fields, body);
    if (message === undefined) {
      if (this.fields.length > 0) this.report(out, 'frame-without-type', this.fields.map(([k]) => k).join(',').slice(0, 40));
    } else {
      this.stats.messages++;
      out.push({ kind: 'message', message });
    }
    this.resetFrame();
  }

  private resetFrame(): void {
    this.fields = [];
    this.frameBytes = 0;
    this.skippingOversized = false;
    this.follows = undefined;
    this.badLine = undefined;
  }

  private report(out: DecodedItem[], reason: DecoderProblem['reason'], sample: string): void {
    this.stats.problems++;
    out.push({ kind: 'problem', problem: { reason, sample: printable(sample) } });
  }
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
