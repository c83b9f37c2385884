import { create } from 'zustand';
import type {
  CallListEntry, CallListFilter, CallStats, ContactCard, DeskLanguage, DeskLine, DeskNotification, DeskUser, HealthReport, LiveCall,
} from '@cc/protocol';
import type { LinkStatus } from '../common/deskConnection.js';

/** One pop-up / activity form: a call on one of the user's lines, and what the user did in it. */
export interface Popup {
  readonly key: string;
  readonly call: LiveCall;
  /** Set once the call is over for this line and the form stays open. */
  readonly ended: 'missed' | 'finished' | null;
  readonly note: string;
  /** The contact the activity is for (picked among several, assigned or created). */
  readonly contactPersonId: number | null;
  readonly activityId: number | null;
  readonly taskCreated: boolean;
  readonly busy: boolean;
  /** The contact search of an unknown number. */
  readonly search: string;
  readonly searchResults: readonly ContactCard[];
}

export type View = 'calls' | 'contacts' | 'charts' | 'notifications';

export interface DeskState {
  readonly language: DeskLanguage;
  readonly session: { readonly token: string; readonly user: DeskUser; readonly expiresAt: string } | null;
  readonly loginError: string | null;
  readonly link: LinkStatus | 'idle';
  readonly lines: readonly DeskLine[];
  /** The user pressed Connect (or the line connects automatically after login). */
  readonly wantsConnected: boolean;
  readonly connected: boolean;
  readonly health: HealthReport | null;
  readonly popups: readonly Popup[];
  readonly view: View;
  readonly filter: CallListFilter;
  readonly calls: readonly CallListEntry[];
  readonly highlightCall: number | null;
  readonly stats: CallStats | null;
  readonly chartKind: 'bar' | 'line';
  readonly notifications: readonly DeskNotification[];
  /** The contact directory: search as you type, each contact's numbers one click from dialling. */
  readonly directoryQuery: string;
  readonly directory: readonly ContactCard[];
  readonly dialNumber: string;
  readonly dialStatus: { readonly ok: boolean; readonly text: string } | null;
  readonly banner: string | null;
}

export const initialState: DeskState = {
  language: 'cs',
  session: null,
  loginError: null,
  link: 'idle',
  lines: [],
  wantsConnected: false,
  connected: false,
  health: null,
  popups: [],
  view: 'calls',
  filter: 'mine',
  calls: [],
  highlightCall: null,
  stats: null,
  chartKind: 'bar',
  notifications: [],
  directoryQuery: '',
  directory: [],
  dialNumber: '',
  dialStatus: null,
  banner: null,
};

/** The one store of a window; actions (actions.ts) change it with setState, React reads it with hooks. */
export const useDesk = create<DeskState>()(() => initialState);

export const popupKey = (call: Pick<LiveCall, 'exchangeId' | 'callId' | 'line'>): string => `${call.exchangeId}/${call.callId}/${call.line}`;

export function updatePopup(key: string, change: (popup: Popup) => Popup): void {
  useDesk.setState((s) => ({ popups: s.popups.map((p) => (p.key === key ? change(p) : p)) }));
}
