import type { StateColour } from './contactCenterState.js';

/**
 * What the Electron tray shows (pure): the icon for the contact-center colour,
 * the tooltip (the reason, and how many missed calls the user has not seen
 * yet) and the context menu as data. The main process only turns this into a
 * Tray, a nativeImage and a Menu.
 */
export type TrayLanguage = 'cs' | 'en' | 'pl';

export interface TrayWords {
  readonly showDesk: string;
  readonly connect: string;
  readonly disconnect: string;
  readonly startAtLogin: string;
  readonly quit: string;
  /** The tooltip's second line for `count` unseen missed calls (count > 0). */
  readonly missedCalls: (count: number) => string;
}

export const TRAY_WORDS: Readonly<Record<TrayLanguage, TrayWords>> = {
  en: {
    showDesk: 'Show desk',
    connect: 'Connect',
    disconnect: 'Disconnect',
    startAtLogin: 'Start at login',
    quit: 'Quit',
    missedCalls: (count) => (count === 1 ? '1 missed call' : `${count} missed calls`),
  },
  cs: {
    showDesk: 'Zobrazit pracoviště',
    connect: 'Připojit',
    disconnect: 'Odpojit',
    startAtLogin: 'Spouštět po přihlášení',
    quit: 'Ukončit',
    missedCalls: (count) => {
      if (count === 1) return '1 zmeškaný hovor';
      return count >= 2 && count <= 4 ? `${count} zmeškané hovory` : `${count} zmeškaných hovorů`;
    },
  },
  pl: {
    showDesk: 'Pokaż stanowisko',
    connect: 'Połącz',
    disconnect: 'Rozłącz',
    startAtLogin: 'Uruchamiaj po zalogowaniu',
    quit: 'Zakończ',
    missedCalls: (count) => {
      if (count === 1) return '1 nieodebrane połączenie';
      const tens = count % 100;
      const few = count % 10 >= 2 && count % 10 <= 4 && (tens < 12 || tens > 14);
      return few ? `${count} nieodebrane połączenia` : `${count} nieodebranych połączeń`;
    },
  },
};

/** The language of the tray for a locale such as `cs-CZ` or `pl` (English for anything else). */
export function trayLanguage(locale: string): TrayLanguage {
  const language = locale.slice(0, 2).toLowerCase();
  return language === 'cs' || language === 'pl' ? language : 'en';
}

export type TrayCommandId = 'show' | 'connect' | 'disconnect' | 'start-at-login' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'action'; readonly id: Exclude<TrayCommandId, 'start-at-login'>; readonly label: string }
  | { readonly kind: 'checkbox'; readonly id: 'start-at-login'; readonly label: string; readonly checked: boolean }
  | { readonly kind: 'separator' };

export interface TrayInputs {
  readonly colour: StateColour;
  readonly reason: string;
  /** Missed-call notifications that came while the desk window was not looked at. */
  readonly unseenMissedCalls: number;
  /** Whether the desk starts at login, or undefined where the platform cannot say (Linux): no checkbox then. */
  readonly startAtLogin: boolean | undefined;
}

export interface TrayView {
  /** The file in the assets folder (`tray-green.png`; its `@2x` twin is picked by Electron on HiDPI screens). */
  readonly icon: string;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

/** Windows cuts a tray tooltip at 127 characters. */
export const TOOLTIP_LIMIT = 127;

export function trayView(inputs: TrayInputs, words: TrayWords = TRAY_WORDS.en): TrayView {
  const unseen = Number.isFinite(inputs.unseenMissedCalls) ? Math.max(0, Math.floor(inputs.unseenMissedCalls)) : 0;
  const missed = unseen > 0 ? `\n${words.missedCalls(unseen)}` : '';
  const reason = inputs.reason.trim() === '' ? 'K2' : inputs.reason.trim();
  const room = TOOLTIP_LIMIT - missed.length;
  const tooltip = (reason.length > room ? `${reason.slice(0, room - 1)}…` : reason) + missed;
  // White: the user has not asked to be connected. Green and orange: they have (orange means it fails), so the menu offers to stop.
  const connectItem: TrayMenuItem = inputs.colour === 'white'
    ? { kind: 'action', id: 'connect', label: words.connect }
    : { kind: 'action', id: 'disconnect', label: words.disconnect };
  const menu: TrayMenuItem[] = [
    { kind: 'action', id: 'show', label: words.showDesk },
    connectItem,
    { kind: 'separator' },
  ];
  if (inputs.startAtLogin !== undefined) {
    menu.push({ kind: 'checkbox', id: 'start-at-login', label: words.startAtLogin, checked: inputs.startAtLogin }, { kind: 'separator' });
  }
  menu.push({ kind: 'action', id: 'quit', label: words.quit });
  return { icon: `tray-${inputs.colour}.png`, tooltip, menu };
}
