/**
 * A parser for K2.ini-style files: `KEY=value` lines, `[Section]` headers,
 * `;` or `#` comments, keys and section names case-insensitive. Keys that stand
 * before the first section belong to the global section (`''`).
 * Pure: text in, structure or a list of problems out.
 */

export interface IniEntry {
  /** The key as written in the file (for messages). */
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export interface IniSection {
  /** The section name as written in the file, `''` for keys before any section. */
  readonly name: string;
  readonly line: number;
  /** Entries by lower-cased key. */
  readonly entries: ReadonlyMap<string, IniEntry>;
}

export interface IniDocument {
  /** Sections by lower-cased name; the global section is always present under `''`. */
  readonly sections: ReadonlyMap<string, IniSection>;
}

export interface IniProblem {
  readonly line: number;
  readonly message: string;
}

export type IniParseResult =
  | { readonly ok: true; readonly document: IniDocument }
  | { readonly ok: false; readonly problems: readonly IniProblem[] };

const SECTION_LINE = /^\[([^\]]*)\]$/;

export function parseIni(text: string): IniParseResult {
  const sections = new Map<string, { name: string; line: number; entries: Map<string, IniEntry> }>();
  const problems: IniProblem[] = [];
  let current = { name: '', line: 0, entries: new Map<string, IniEntry>() };
  sections.set('', current);

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) return;

    const header = SECTION_LINE.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim();
      if (name === '') {
        problems.push({ line: lineNo, message: 'a section header needs a name, like [Database]' });
        return;
      }
      const existing = sections.get(name.toLowerCase());
      if (existing && existing.name !== '') {
        problems.push({ line: lineNo, message: `section [${name}] appears twice (first on line ${existing.line})` });
        return;
      }
      current = { name, line: lineNo, entries: new Map() };
      sections.set(name.toLowerCase(), current);
      return;
    }

    const eq = line.indexOf('=');
    if (eq <= 0) {
      // The line itself is not echoed: a mistyped `Password secret` line would print the password.
      problems.push({ line: lineNo, message: 'expected KEY=value or [Section]' });
      return;
    }
    const key = line.slice(0, eq).trim();
    const value = unquote(line.slice(eq + 1).trim());
    const where = current.name === '' ? '' : `[${current.name}] `;
    const previous = current.entries.get(key.toLowerCase());
    if (previous) {
      problems.push({ line: lineNo, message: `${where}${key} is set twice (first on line ${previous.line})` });
      return;
    }
    current.entries.set(key.toLowerCase(), { key, value, line: lineNo });
  });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, document: { sections } };
}

/** A value wrapped in matching double quotes keeps its inner text exactly (spaces, `;`). */
function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1);
  return value;
}
