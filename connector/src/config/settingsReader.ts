import type { IniDocument, IniEntry } from './iniParser.js';

/**
 * Reads typed settings out of a parsed K2.ini and collects every problem with
 * the exact section and key, so that the user gets one message that says
 * everything that is wrong. Pure.
 */
export class SettingsReader {
  readonly problems: string[] = [];
  private readonly used = new Set<string>();

  constructor(private readonly document: IniDocument) {}

  hasSection(section: string): boolean {
    return this.document.sections.has(section.toLowerCase());
  }

  /** The raw entry, marking the key as known. */
  entry(section: string, key: string): IniEntry | undefined {
    this.used.add(`${section.toLowerCase()}\u0000${key.toLowerCase()}`);
    return this.document.sections.get(section.toLowerCase())?.entries.get(key.toLowerCase());
  }

  /** Keys that are read later, or only for some values of another key. */
  markKnown(section: string, keys: readonly string[]): void {
    for (const key of keys) this.entry(section, key);
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

  /** Reports sections and keys that no reader asked for: typos must not be silently ignored. */
  reportUnknown(knownSections: readonly string[]): void {
    for (const [sectionKey, section] of this.document.sections) {
      if (sectionKey !== '' && !knownSections.some((s) => s.toLowerCase() === sectionKey)) {
        this.problems.push(
          `[${section.name}] (line ${section.line}) is not a known section; known sections are ${knownSections.map((s) => `[${s}]`).join(', ')}`,
        );
        continue;
      }
      for (const [key, entry] of section.entries) {
        if (!this.used.has(`${sectionKey}\u0000${key}`)) {
          this.problems.push(`${label(section.name, entry.key)} (line ${entry.line}) is not a known setting`);
        }
      }
    }
  }
}

export function label(section: string, key: string): string {
  return section === '' ? key : `[${section}] ${key}`;
}
