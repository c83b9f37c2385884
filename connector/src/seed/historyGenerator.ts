import type { CallHistoryRecord } from '../db/repositories/callHistoryRecord.js';
import { pragueToUtc } from './pragueTime.js';
import { SeededRandom } from './random.js';

/** What the generator needs to know of the seeded database. */
export interface HistoryContext {
  readonly exchangeId: number;
  readonly companyNumber: string;
  /** Agent lines with their user ids. */
  readonly lines: readonly { readonly line: string; readonly userId: number }[];
  /** Outside numbers with every contact that holds them (several when shared). */
  readonly numbers: readonly {
    readonly e164: string;
    readonly contacts: readonly { readonly contactPersonId: number; readonly partnerId: number | null }[];
  }[];
}

const MONTHS = 18;
const DAY_MS = 86_400_000;
/** Calls per hour of a working day (Prague time), relative. */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [7, 0.3], [8, 1.0], [9, 1.6], [10, 1.7], [11, 1.4], [12, 0.8], [13, 1.3], [14, 1.4], [15, 1.1], [16, 0.6], [17, 0.25], [18, 0.1], [19, 0.05],
];
const DAY_WEIGHTS = [0.03, 1, 1.05, 1, 0.95, 0.85, 0.08]; // Sunday … Saturday
type Kind = 'received' | 'missed' | 'outgoing' | 'internal';
const KINDS: readonly (readonly [Kind, number])[] = [['received', 0.55], ['missed', 0.12], ['outgoing', 0.28], ['internal', 0.05]];

/**
 * `count` past calls over the 18 months before `until`, as call-history rows
 * (several rows for a ring-group call nobody answered, two for an internal
 * call), in time order. Pure and deterministic for the same arguments.
 */
export function* generateHistory(context: HistoryContext, count: number, until: Date, seed = 7): Generator<CallHistoryRecord> {
  const rng = new SeededRandom(seed);
  const startMs = until.getTime() - MONTHS * 30.44 * DAY_MS;
  const days = Math.floor((until.getTime() - startMs) / DAY_MS);
  const starts = new Float64Array(count);
  for (let i = 0; i < count; i++) starts[i] = randomCallStart(rng, startMs, days, until.getTime());
  starts.sort();

  // Some partners take much more of our time than others (a few big customers).
  const numberWeights = context.numbers.map((n, i): readonly [number, number] => [i, 1 / Math.pow(i + 1, 0.8)]);
  const lineWeights = context.lines.map((l, i): readonly [number, number] => [i, i < 3 ? 3 : 1]);

  for (let i = 0; i < count; i++) {
    const start = new Date(starts[i] ?? startMs);
    const callId = `${Math.floor(start.getTime() / 1000)}.${i}`;
    const kind = rng.weighted(KINDS);
    const lineIndex = rng.weighted(lineWeights);
    const line = context.lines[lineIndex];
    if (line === undefined) return;
    const known = rng.chance(0.85) ? context.numbers[rng.weighted(numberWeights)] : undefined;
    const remote = known?.e164 ?? `+4207${String(rng.int(20_000_000, 99_999_999))}`;
    const matches = known?.contacts ?? [];
    const single = matches.length === 1 ? matches[0] : undefined;
    const base = {
      exchangeId: context.exchangeId, callId, participation: 1, transferred: false, endEstimated: false,
      contactPersonId: single?.contactPersonId ?? null, partnerId: single?.partnerId ?? null, matches,
    };

    if (kind === 'internal') {
      const other = context.lines[(lineIndex + 1 + rng.int(0, context.lines.length - 2)) % context.lines.length] ?? line;
      const ring = clamp(rng.logNormal(6, 0.5), 1, 40);
      const answered = rng.chance(0.85);
      const talk = answered ? clamp(rng.logNormal(90, 0.8), 3, 1800) : 0;
      const end = new Date(start.getTime() + (ring + talk) * 1000);
      const common = { ...base, internal: true, callerNumber: line.line, calledNumber: other.line, remoteNumber: null, contactPersonId: null, partnerId: null, matches: [], start, end, ringSeconds: ring, talkSeconds: talk, recording: null };
      yield { ...common, line: line.line, type: 'outgoing', responsibleUserId: line.userId };
      yield { ...common, line: other.line, type: answered ? 'received' : 'missed', responsibleUserId: other.userId };
      continue;
    }
    if (kind === 'outgoing') {
      const ring = clamp(rng.logNormal(10, 0.5), 1, 60);
      const answered = rng.chance(0.8);
      const talk = answered ? clamp(rng.logNormal(110, 0.9), 2, 3600) : 0;
      yield {
        ...base, line: line.line, type: 'outgoing', internal: false, callerNumber: line.line, calledNumber: remote, remoteNumber: remote,
        responsibleUserId: line.userId, start, end: new Date(start.getTime() + (ring + talk) * 1000), ringSeconds: ring, talkSeconds: talk,
        recording: answered ? `out-${line.line}-${remote.slice(1)}-${callId}.wav` : null,
      };
      continue;
    }
    if (kind === 'missed') {
      // A ring group: nobody answered, each line that rang has its own missed row.
      const rang = rng.chance(0.25) ? [line, context.lines[(lineIndex + 1) % context.lines.length] ?? line] : [line];
      const ring = clamp(rng.logNormal(18, 0.4), 2, 60);
      for (const l of rang) {
        yield {
          ...base, line: l.line, type: 'missed', internal: false, callerNumber: remote, calledNumber: context.companyNumber, remoteNumber: remote,
          responsibleUserId: l.userId, start, end: new Date(start.getTime() + ring * 1000), ringSeconds: ring, talkSeconds: 0, recording: null,
        };
      }
      continue;
    }
    const ring = clamp(rng.logNormal(7, 0.5), 1, 45);
    const talk = clamp(rng.logNormal(130, 0.9), 3, 3600);
    yield {
      ...base, line: line.line, type: 'received', internal: false, callerNumber: remote, calledNumber: context.companyNumber, remoteNumber: remote,
      responsibleUserId: line.userId, start, end: new Date(start.getTime() + (ring + talk) * 1000), ringSeconds: ring, talkSeconds: talk,
      recording: `in-${remote.slice(1)}-${context.companyNumber.slice(4)}-${callId}.wav`,
    };
  }
}

function randomCallStart(rng: SeededRandom, startMs: number, days: number, untilMs: number): number {
  for (;;) {
    const dayIndex = rng.int(0, days - 1);
    const day = new Date(startMs + dayIndex * DAY_MS);
    // Business grows: later months carry up to 40 % more calls.
    const growth = 0.7 + 0.4 * (dayIndex / days);
    if (!rng.chance(((DAY_WEIGHTS[day.getUTCDay()] ?? 1) * growth) / 1.5)) continue;
    const hour = rng.weighted(HOUR_WEIGHTS);
    const ms = pragueToUtc(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, rng.int(0, 59), rng.int(0, 59)) + rng.int(0, 999);
    if (ms < untilMs) return ms;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 1000) / 1000;
}
