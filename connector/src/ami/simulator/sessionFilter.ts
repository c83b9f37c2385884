import type { AmiField } from '../codec/amiMessage.js';

/**
 * What one AMI session wants to receive (pure), as Asterisk decides it: the
 * `Events` mask (on, off, or classes such as `call,agent`) against the
 * event's Privilege, then the `Filter` regular expressions against the
 * event's text: it must match one whitelist filter (if there are any) and no
 * blacklist filter (`!…`).
 */
export class SessionFilter {
  private mask: 'on' | 'off' | ReadonlySet<string> = 'on';
  private readonly whitelist: RegExp[] = [];
  private readonly blacklist: RegExp[] = [];

  setMask(value: string): 'On' | 'Off' {
    const v = value.trim().toLowerCase();
    if (v === 'on' || v === 'yes' || v === 'all') this.mask = 'on';
    else if (v === 'off' || v === 'no' || v === '') this.mask = 'off';
    else this.mask = new Set(v.split(',').map((c) => c.trim()));
    return this.mask === 'off' ? 'Off' : 'On';
  }

  /**
   * Adds a filter; false when it would not compile on Asterisk, which reads
   * it as a POSIX extended regular expression: escaped letters (\\d, \\r …),
   * `(?` groups and lazy quantifiers are not POSIX, even if JavaScript takes them.
   */
  addFilter(filter: string): boolean {
    const negative = filter.startsWith('!');
    if (!isPosixExtended(negative ? filter.slice(1) : filter)) return false;
    try {
      const regex = new RegExp(negative ? filter.slice(1) : filter);
      (negative ? this.blacklist : this.whitelist).push(regex);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether an event passes the mask and the filters. */
  wants(fields: readonly AmiField[]): boolean {
    if (this.mask === 'off') return false;
    if (this.mask !== 'on') {
      const privilege = fields.find(([k]) => k === 'Privilege')?.[1] ?? '';
      const classes = privilege.split(',').map((c) => c.trim().toLowerCase());
      const mask = this.mask;
      if (!classes.some((c) => c !== 'all' && mask.has(c))) return false;
    }
    if (this.whitelist.length === 0 && this.blacklist.length === 0) return true;
    // The text Asterisk matches: every header line ends with CRLF.
    const text = fields.map(([k, v]) => `${k}: ${v}\r\n`).join('');
    if (this.whitelist.length > 0 && !this.whitelist.some((r) => r.test(text))) return false;
    return !this.blacklist.some((r) => r.test(text));
  }
}

/** What JavaScript accepts but POSIX ERE (glibc regcomp, REG_EXTENDED) does not. */
export function isPosixExtended(source: string): boolean {
  return !/\\[A-Za-z]|\(\?|[*+?}]\?/.test(source);
}
