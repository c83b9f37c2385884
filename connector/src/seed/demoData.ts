import { normalizeStored } from '../phone/phoneNumbers.js';
import type { UserRole } from '../db/schema.js';
import {
  COMPANY_BRANDS, COMPANY_WORDS, CZECH_CITIES, CZECH_MEN, CZECH_WOMEN, GERMAN_PEOPLE, LEGAL_FORMS_CZ, POLISH_PEOPLE, POSITIONS,
} from './names.js';
import { SeededRandom } from './random.js';

/**
 * The demo ERP data (pure and deterministic): one Czech exchange on the
 * built-in simulator, ten agents on lines 201–210, the outside callers of the
 * recorded AMI traces, and ~50 partners with ~300 contact persons whose
 * numbers are written the way people really type them.
 */
export interface DemoAddress {
  readonly type: 'TELCC' | 'TEL' | 'EMAIL' | 'WWW';
  readonly value: string;
}

export interface DemoPartner {
  readonly abbr: string;
  readonly name: string;
  readonly companyRegNo: string;
  readonly city: string;
  readonly countryCode: string;
  readonly balance: number;
  readonly currency: string;
  readonly lastCommunicationAt: Date | null;
}

export interface DemoContact {
  /** Index into `partners` (ids are index + 1 on an empty database). */
  readonly partner: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string | null;
  readonly position: string | null;
  readonly addresses: readonly DemoAddress[];
}

export interface DemoUser {
  readonly code: string;
  readonly fullName: string;
  readonly role: UserRole;
  readonly language: 'cs' | 'en' | 'pl';
  /** Index into `contacts`, for the agents. */
  readonly contact: number | null;
}

/** The demo users' desk passwords (the service user RECORDER has none): printed at `npm start`, never for real data. */
export function demoPassword(code: string): string {
  return `${code.toLowerCase()}-demo`;
}

/** Who can log in to the demo desk, as `npm start` prints it. */
export function demoLogins(): { readonly user: string; readonly password: string; readonly role: UserRole; readonly line: string | null }[] {
  const data = buildDemoDataset();
  return data.users.flatMap((u, i) => {
    if (u.role === 'service') return [];
    const line = data.lines.find((l) => l.user === i)?.line ?? null;
    return [{ user: u.code, password: demoPassword(u.code), role: u.role, line }];
  });
}

export interface DemoLine {
  /** Index into `users`. */
  readonly user: number;
  readonly line: string;
  readonly phoneNumber: string | null;
  readonly logCalls: boolean;
  readonly autoCloseMissed: boolean;
  readonly autoCloseEmpty: boolean;
  readonly autoConnect: boolean;
  readonly notifyMissed: boolean;
}

export interface DemoDataset {
  readonly partners: readonly DemoPartner[];
  readonly contacts: readonly DemoContact[];
  readonly users: readonly DemoUser[];
  readonly lines: readonly DemoLine[];
}

export const DEMO_EXCHANGE = {
  id: 1,
  name: 'Praha – demo ústředna (simulátor)',
  countryCode: 'CZ',
  outsideLinePrefix: '0',
  internationalPrefix: '00',
  amiHost: '127.0.0.1',
  amiPort: 5038,
  amiUser: 'recorder',
  amiPassword: 'recorder-secret',
  defaultContext: 'from-internal',
  pbxVersion: '22.10.1',
  timeoutSeconds: 30,
  lineChannelTemplate: 'PJSIP/{line}',
  companyNumber: '+420224000100',
} as const;

export const DEMO_NUMBER_RULE = {
  countryPrefix: '420',
  internalPrefix: '224000',
  extensionPattern: '2XX',
  exampleNumber: '+420 224 000 201',
  exampleExtension: '201',
} as const;

export const DEMO_ADDRESS_TYPES = [
  { code: 'TELCC', name: 'Telefon kontaktního centra', format: 'CCPhone' },
  { code: 'TEL', name: 'Telefon', format: 'Phone' },
  { code: 'EMAIL', name: 'E-mail', format: 'Email' },
  { code: 'WWW', name: 'Webová stránka', format: 'Url' },
] as const;

/** Base data carries this time, so that it is the same on every run. */
export const DEMO_EPOCH = new Date('2026-11-01T08:00:00.000Z');

/** The outside callers of ../shared/ami-traces, with the partners they call for. */
export const TRACE_CALLERS = [
  { first: 'Jan', last: 'Novák', typed: '+420 601 234 567', e164: '+420601234567', partner: ['NOVAKST', 'Novák Stavby s.r.o.', 'Praha'] },
  { first: 'Petra', last: 'Svobodová', typed: '601 234 568', e164: '+420601234568', partner: ['SVOBLOG', 'Svoboda Logistika a.s.', 'Brno'] },
  { first: 'Karel', last: 'Dvořák', typed: '+420602111222', e164: '+420602111222', partner: ['DVOREL', 'Dvořák Elektro s.r.o.', 'Plzeň'] },
  { first: 'Eva', last: 'Černá', typed: '00420 603 333 444', e164: '+420603333444', partner: ['CERNAAK', 'Černá & partneři, advokátní kancelář', 'Praha'] },
  { first: 'Martin', last: 'Černý', typed: '603/333 444 ', e164: '+420603333444', partner: ['CERNYSE', 'Černý Servis s.r.o.', 'Kladno'] },
  { first: 'Tomáš', last: 'Procházka', typed: '(604) 555-666', e164: '+420604555666', partner: ['PROCHST', 'Procházka Strojírny s.r.o.', 'Olomouc'] },
] as const;

const AGENTS = [
  ['ALICE', 'Alice Agent', 'en'], ['BOB', 'Bob Agent', 'en'], ['CAROL', 'Carol Agent', 'en'],
  ['DAVID', 'David Horák', 'cs'], ['EMA', 'Ema Kučerová', 'cs'], ['FILIP', 'Filip Marek', 'cs'],
  ['GABRIELA', 'Gabriela Veselá', 'cs'], ['HANA', 'Hana Pokorná', 'cs'], ['IVAN', 'Ivan Král', 'cs'],
  ['JOANNA', 'Joanna Nowak', 'pl'],
] as const;

const GENERATED_PARTNERS = 43;
const TOTAL_CONTACTS = 300;
const SHARED_SWITCHBOARDS = 4;
const CZ_MOBILE_PREFIXES = ['601', '602', '603', '604', '605', '606', '607', '608', '702', '704', '720', '721', '724', '728', '731', '736', '737', '739', '773', '775', '777', '792', '799'];

export function buildDemoDataset(seed = 20261101): DemoDataset {
  const rng = new SeededRandom(seed);
  const usedNumbers = new Set<string>([DEMO_EXCHANGE.companyNumber, ...TRACE_CALLERS.map((c) => c.e164)]);
  const partners: DemoPartner[] = [];
  const contacts: DemoContact[] = [];

  // Our own company: the agents are its contact persons.
  partners.push({
    abbr: 'DEMO', name: 'Demo Obchod s.r.o.', companyRegNo: '27100001', city: 'Praha', countryCode: 'CZ',
    balance: 0, currency: 'CZK', lastCommunicationAt: null,
  });
  AGENTS.forEach(([code, name], i) => {
    const [first = '', last = ''] = name.split(' ');
    const line = String(201 + i);
    contacts.push({
      partner: 0, firstName: first, lastName: last, title: null, position: 'operátor kontaktního centra',
      addresses: [
        { type: 'TEL', value: `+420 224 000 ${line}` },
        { type: 'EMAIL', value: `${code.toLowerCase()}@demo-obchod.cz` },
      ],
    });
  });

  const tracePartnerIndex = new Map<string, number>();
  for (const caller of TRACE_CALLERS) {
    const [abbr, name, city] = caller.partner;
    tracePartnerIndex.set(abbr, partners.length);
    partners.push(partnerFacts(rng, abbr, name, city, 'CZ', 'CZK'));
  }
  for (const caller of TRACE_CALLERS) {
    contacts.push({
      partner: tracePartnerIndex.get(caller.partner[0]) ?? 0,
      firstName: caller.first, lastName: caller.last, title: null, position: rng.pick(POSITIONS),
      addresses: [{ type: 'TELCC', value: caller.typed }, { type: 'EMAIL', value: email(caller.first, caller.last, caller.partner[0]) }],
    });
  }

  // Generated partners: mostly Czech, a few Polish and German.
  for (let i = 0; i < GENERATED_PARTNERS; i++) {
    const country = i < 35 ? 'CZ' : i < 39 ? 'PL' : 'DE';
    const brand = COMPANY_BRANDS[i % COMPANY_BRANDS.length] ?? 'Alfa';
    const word = COMPANY_WORDS[(i * 7) % COMPANY_WORDS.length] ?? 'Obchod';
    const name =
      country === 'CZ' ? `${brand} ${word} ${rng.pick(LEGAL_FORMS_CZ)}`
      : country === 'PL' ? `${brand} ${word} sp. z o.o.`
      : `${brand} ${word} GmbH`;
    const abbr = `${brand.slice(0, 3)}${word.slice(0, 3)}${String(i).padStart(2, '0')}`.toUpperCase().normalize('NFD').replace(/[^A-Z0-9]/g, '');
    const city = country === 'CZ' ? rng.pick(CZECH_CITIES) : country === 'PL' ? 'Warszawa' : 'Berlin';
    partners.push(partnerFacts(rng, abbr, name, city, country, country === 'CZ' ? 'CZK' : 'EUR'));
  }

  // Generated contact persons, spread over the generated partners; some partners share a switchboard number.
  const firstGenerated = 1 + TRACE_CALLERS.length;
  // A few partners have a switchboard number that a second person there is reached on too.
  const switchboards = new Map<number, { readonly value: string; shared: boolean }>();
  let n = 0;
  while (contacts.length < TOTAL_CONTACTS) {
    const partnerIndex = firstGenerated + (n % GENERATED_PARTNERS);
    const partner = partners[partnerIndex];
    n++;
    if (partner === undefined) continue;
    const [first, last] =
      partner.countryCode === 'PL' ? rng.pick(POLISH_PEOPLE)
      : partner.countryCode === 'DE' ? rng.pick(GERMAN_PEOPLE)
      : rng.chance(0.5) ? rng.pick(CZECH_MEN) : rng.pick(CZECH_WOMEN);
    const addresses: DemoAddress[] = [];
    const switchboard = switchboards.get(partnerIndex);
    if (switchboard !== undefined && !switchboard.shared) {
      // The same number, typed differently by whoever entered the second person.
      switchboard.shared = true;
      addresses.push({ type: 'TELCC', value: `${switchboard.value}  ` });
    } else {
      addresses.push({ type: 'TELCC', value: typedNumber(rng, partner.countryCode, usedNumbers) });
      if (rng.chance(0.2)) addresses.push({ type: 'TELCC', value: typedNumber(rng, partner.countryCode, usedNumbers) });
      const firstNumber = addresses[0];
      if (switchboards.size < SHARED_SWITCHBOARDS && partner.countryCode === 'CZ' && switchboard === undefined && firstNumber !== undefined && rng.chance(0.3)) {
        switchboards.set(partnerIndex, { value: firstNumber.value.trim(), shared: false });
      }
    }
    if (rng.chance(0.15)) addresses.push({ type: 'TEL', value: typedNumber(rng, partner.countryCode, usedNumbers) });
    addresses.push({ type: 'EMAIL', value: email(first, last, partner.abbr) });
    contacts.push({
      partner: partnerIndex, firstName: first, lastName: last,
      title: rng.chance(0.2) ? rng.pick(['Ing.', 'Mgr.', 'Bc.', 'JUDr.']) : null,
      position: rng.pick(POSITIONS), addresses,
    });
  }

  const users: DemoUser[] = [
    { code: 'RECORDER', fullName: 'Záznamník hovorů', role: 'service', language: 'cs', contact: null },
    ...AGENTS.map(([code, fullName, language], i): DemoUser => ({ code, fullName, role: 'user', language, contact: i })),
    { code: 'MANAGER', fullName: 'Martina Šťastná', role: 'manager', language: 'cs', contact: null },
    { code: 'ADMIN', fullName: 'Správce systému', role: 'admin', language: 'cs', contact: null },
  ];
  const lines: DemoLine[] = [
    { user: 0, line: '000', phoneNumber: null, logCalls: false, autoCloseMissed: false, autoCloseEmpty: false, autoConnect: false, notifyMissed: false },
    ...AGENTS.map((_, i): DemoLine => {
      const line = String(201 + i);
      return {
        user: i + 1, line, phoneNumber: `+420224000${line}`, logCalls: true,
        autoCloseMissed: line === '204' || line === '205', autoCloseEmpty: line === '206',
        autoConnect: true, notifyMissed: i < 8,
      };
    }),
  ];
  return { partners, contacts, users, lines };
}

function partnerFacts(rng: SeededRandom, abbr: string, name: string, city: string, countryCode: string, currency: string): DemoPartner {
  const balance = Math.round((rng.next() * 700_000 - 200_000) * 100) / 100;
  const daysAgo = rng.int(0, 120);
  return {
    abbr, name, companyRegNo: String(rng.int(10_000_000, 99_999_999)), city, countryCode, balance, currency,
    lastCommunicationAt: new Date(DEMO_EPOCH.getTime() - daysAgo * 86_400_000),
  };
}

/** A fresh number of that country, written in one of the ways people type numbers. */
function typedNumber(rng: SeededRandom, country: string, used: Set<string>): string {
  for (;;) {
    let typed: string;
    if (country === 'PL') {
      const rest = rng.digits(7);
      typed = rng.chance(0.5) ? `+48 22 ${rest.slice(0, 3)} ${rest.slice(3, 5)} ${rest.slice(5)}` : `0048 22${rest}`;
    } else if (country === 'DE') {
      const rest = `${rng.int(2, 9)}${rng.digits(6)}`;
      typed = rng.chance(0.5) ? `+49 30 ${rest}` : `+49 (30) ${rest.slice(0, 3)}-${rest.slice(3)}`;
    } else {
      const national = rng.chance(0.75) ? `${rng.pick(CZ_MOBILE_PREFIXES)}${rng.digits(6)}` : `${rng.pick(['2', '3', '5'])}${rng.int(1, 9)}${rng.digits(7)}`;
      typed = czechTyping(rng, national);
    }
    const normalized = normalizeStored(typed, { country: 'CZ', internationalPrefix: '00' });
    if (normalized.ok && !used.has(normalized.e164) && !normalized.e164.startsWith('+420224000')) {
      used.add(normalized.e164);
      return typed;
    }
  }
}

function czechTyping(rng: SeededRandom, national: string): string {
  const [a, b, c] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
  return rng.weighted<string>([
    [`+420 ${a} ${b} ${c}`, 4],
    [national, 3],
    [`00420${national}`, 1],
    [`(${a}) ${b}-${c}`, 1],
    [`${a}/${b} ${c}`, 1],
    [`+420${national} `, 1],
    [`${a} ${b} ${c}  `, 1],
    [`+420-${a}-${b}-${c}`, 1],
  ]);
}

function email(first: string, last: string, domainHint: string): string {
  const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${ascii(first)}.${ascii(last)}@${ascii(domainHint)}.example.cz`;
}
