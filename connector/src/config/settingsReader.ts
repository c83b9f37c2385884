import type { IniDocument, IniEntry } from './iniParser.js';

/**
 * Reads typed settings out of a parsed K2.ini and collects every problem with
 * the exact section and key, so that the user gets one message that says
 * everything that is wrong. Pure.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly document: IniDocument) {}

  hasSection(section: string): boolean {
    return this.document.sections.has(section.toLowerCase());
  }

  /** The raw entry as written. */
  entry(section: string, key: string): IniEntry | undefined {
    return this.document.sections.get(section.toLowerCase())?.entries.get(key.toLowerCase());
  }

  string(section: string, key: string, fallback: string): string;
  string(section: string, key: string): string | undefined;
  string(section: string, key: string, fallback?: string): string | undefined {
    const entry = this.entry(section, key);
    if (entry === undefined || entry.value === '') return fallback;
    return entry.value;
  }

  required(section: string, key: string, why: string): string {
    const value = this.string(section, key);
    if (value === undefined) {
      this.problems.push(`${label(section, key)} is required ${why}`);
      return '';
    }
    return value;
  }

  integer(section: string, key: string, min: number, max: number, fallback: number): number {
    const entry = this.entry(section, key);
    if (entry === undefined || entry.value === '') return fallback;
    if (!/^\d+$/.test(entry.value) || Number(entry.value) < min || Number(entry.value) > max) {
      this.problems.push(`${label(section, key)} must be a number between ${min} and ${max}, got '${entry.value}'`);
      return fallback;
    }
    return Number(entry.value);
  }

  boolean(section: string, key: string, fallback: boolean): boolean {
    const entry = this.entry(section, key);
    if (entry === undefined || entry.value === '') return fallback;
    const value = entry.value.toLowerCase();
    if (['1', 'yes', 'true', 'on'].includes(value)) return true;
    if (['0', 'no', 'false', 'off'].includes(value)) return false;
    this.problems.push(`${label(section, key)} must be yes or no, got '${entry.value}'`);
    return fallback;
  }

  oneOf<T extends string>(section: string, key: string, values: readonly T[], fallback: T | undefined): T | undefined {
    const entry = this.entry(section, key);
    if (entry === undefined || entry.value === '') return fallback;
    const match = values.find((v) => v.toLowerCase() === entry.value.toLowerCase());
    if (match === undefined) {
      this.problems.push(`${label(section, key)} must be one of ${values.join(', ')}, got '${entry.value}'`);
    }
    return match ?? fallback;
  }

  /** Reports sections and keys that are not in the list, so that a typo is not silently ignored. */
  reportUnknown(known: Readonly<Record<string, readonly string[]>>): void {
    const sections = Object.keys(known).filter((name) => name !== '');
    for (const [sectionKey, section] of this.document.sections) {
      const name = Object.keys(known).find((s) => s.toLowerCase() === sectionKey);
      if (name === undefined) {
        this.problems.push(
          `[${section.name}] (line ${section.line}) is not a known section; known sections are ${sections.map((s) => `[${s}]`).join(', ')}`,
        );
        continue;
      }
      const keys = known[name] ?? [];
      for (const [key, entry] of section.entries) {
        if (!keys.some((k) => k.toLowerCase() === key)) this.problems.push(`${label(section.name, entry.key)} (line ${entry.line}) is not a known setting`);
      }
    }
  }
}

export function label(section: string, key: string): string {
  return section === '' ? key : `[${section}] ${key}`;
}
