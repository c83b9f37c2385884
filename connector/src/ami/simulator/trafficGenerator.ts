import type { CallParties } from './callRewriter.js';
import type { ScenarioName } from './callTemplates.js';
import type { Directory } from './callRequests.js';
import type { PbxLine, PbxModel } from './pbxModel.js';

export interface TrafficOptions {
  readonly callsPerMinute: number;
  /** Ring and talk times are divided by this (1 = real time). */
  readonly timeScale: number;
  readonly random?: () => number;
}

/** Outside callers: the recorded traces' callers (the demo contacts) and some unknown numbers. */
const CALLERS: readonly (readonly [string, string])[] = [
  ['+420601234567', 'Jan Novak'], ['601234568', 'Petra Svobodova'], ['+420602111222', 'Karel Dvorak'],
  ['+420603333444', 'Eva Cerna'], ['+420604555666', 'Tomas Prochazka'],
];
const MIX: readonly (readonly [ScenarioName, number])[] = [
  ['inbound-answered', 30], ['queue-answered', 15], ['outbound-answered', 20], ['inbound-missed', 10],
  ['internal', 8], ['blind-transfer', 7], ['outbound-unanswered', 6], ['inbound-busy-or-rejected', 4],
];

/**
 * Realistic traffic for the lines of the simulated exchange: calls arrive at
 * random (exponential gaps) at the given rate, in a mix of the recorded
 * scenarios, on lines that are free (one call per phone), and play out on
 * their own with believable ring and talk times.
 */
export function startTraffic(model: PbxModel, directory: Directory, options: TrafficOptions): { stop(): void } {
  const random = options.random ?? Math.random;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const between = (min: number, max: number): number => min + random() * (max - min);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

  const next = (): void => {
    if (stopped || options.callsPerMinute <= 0) return;
    const gap = -Math.log(1 - random()) * (60_000 / options.callsPerMinute);
    timer = setTimeout(() => {
      try {
        placeCall();
      } finally {
        next();
      }
    }, gap);
  };

  const placeCall = (): void => {
    const busy = new Set(model.liveCalls().flatMap((c) => c.lines));
    const free = [...directory.lines.values()].filter((l) => !busy.has(l.line)).sort(() => random() - 0.5);
    const scenario = weighted(MIX, random);
    const need = scenario === 'queue-answered' ? 3 : scenario === 'internal' || scenario === 'blind-transfer' ? 2 : 1;
    if (free.length < need) return; // everyone is on the phone: this caller tries again later
    const [a, b, c] = free as [PbxLine, PbxLine | undefined, PbxLine | undefined];
    const [number, name] = random() < 0.75 ? (pick(CALLERS) ?? CALLERS[0] ?? ['+420601234567', '']) : [`+4207${String(Math.floor(between(20_000_000, 99_999_999)))}`, ''];
    const outside = `0${String(Math.floor(between(601_000_000, 799_999_999)))}`;
    const parties: CallParties =
      scenario === 'queue-answered' ? { external: { number, name }, did: directory.queueDid, lineA: a, otherAgents: [b, c].filter((l): l is PbxLine => l !== undefined) }
      : scenario === 'outbound-answered' || scenario === 'outbound-unanswered' ? { lineA: a, remote: { dialled: outside, e164: `+420${outside.slice(1)}` } }
      : scenario === 'internal' ? { lineA: a, ...(b === undefined ? {} : { lineB: b }) }
      : { external: { number, name }, did: directory.companyDid, lineA: a, ...(scenario === 'blind-transfer' && b !== undefined ? { lineB: b } : {}) };
    const ring = between(2_000, 12_000);
    const talk = between(15_000, 150_000);
    const autopilot = [ring, talk, between(3_000, 8_000), talk / 2].map((ms) => ms / options.timeScale);
    model.start(scenario, parties, { autopilot });
  };

  next();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function weighted<T>(items: readonly (readonly [T, number])[], random: () => number): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return (items[0] as readonly [T, number])[0];
}
