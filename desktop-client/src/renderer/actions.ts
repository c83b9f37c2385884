import { missedBy, parseHealthReport, type CallListFilter, type DeskLanguage, type LiveCall, type LoginResponse, type ServerMessage } from '@cc/protocol';
import { contactCenterState } from '../common/contactCenterState.js';
import { DeskConnection, DeskRequestFailed, type Outgoing } from '../common/deskConnection.js';
import { translator, isDeskLanguage, stateWords, type Translator } from '../common/i18n.js';
import { afterCallGone } from '../common/popupRules.js';
import { parseTelLink } from '../common/telUrl.js';
import { callLeader, follow, isFollower, lead } from './mirror.js';
import { shell } from './shell.js';
import { initialState, popupKey, updatePopup, useDesk, type Popup, type View } from './store.js';

/**
 * Everything the desk does, as plain functions over the store: the UI calls
 * them, and so do the socket's pushes and the shell's events.
 */
const TOKEN_KEY = 'cc-desk-session';
const LANGUAGE_KEY = 'cc-desk-language';
/** Connect / Disconnect, shared by the desk's windows (the Electron pop-up window follows the main one). */
const CONNECTED_KEY = 'cc-desk-connected';
const base = (): string => window.location.origin;

let connection: DeskConnection | undefined;
let healthTimer: ReturnType<typeof setInterval> | undefined;

export const tr = (): Translator => translator(useDesk.getState().language);

export function boot(): void {
  const language = localStorage.getItem(LANGUAGE_KEY) ?? navigator.language.slice(0, 2);
  if (isDeskLanguage(language)) useDesk.setState({ language });
  if (isFollower) {
    // The pop-up window: the main window's pop-ups, and what is done in them done there.
    follow((state) => {
      useDesk.setState(state);
    });
    shell.onTrayCommand(() => undefined);
    return;
  }
  lead(
    () => {
      const s = useDesk.getState();
      return { popups: s.popups, language: s.language, session: s.session, lines: s.lines, wantsConnected: s.wantsConnected, connected: s.connected, link: s.link, health: s.health, dialStatus: s.dialStatus };
    },
    (listener) => useDesk.subscribe(listener),
    { closePopup, setNote, pickContact, saveActivity, createTask, searchContacts, searchPartners, assignContact, createContact, dial, connect, disconnect },
  );
  shell.onDialLink((url) => {
    const link = parseTelLink(url);
    if (!link.ok) {
      useDesk.setState({ dialStatus: { ok: false, text: link.reason } });
      return;
    }
    // A link only fills the dial box: a page elsewhere must not be able to place calls on its own.
    useDesk.setState({ dialNumber: link.number, dialStatus: { ok: true, text: tr().t('dialLinkReady', { number: link.number }) } });
  });
  shell.onTrayCommand((command) => void (command === 'connect' ? connect() : disconnect()));
  const stored = sessionFromStorage();
  if (stored !== null) startSession(stored);
  // Another window of the desk (the Electron pop-up window, another tab) logged in or out: this one follows.
  window.addEventListener('storage', (event) => {
    if (event.key === CONNECTED_KEY) {
      const wanted = event.newValue === 'yes';
      if (wanted !== useDesk.getState().wantsConnected && useDesk.getState().session !== null) void (wanted ? connect() : disconnect());
      return;
    }
    if (event.key !== TOKEN_KEY) return;
    const next = sessionFromStorage();
    if (next === null && useDesk.getState().session !== null) void logout();
    else if (next !== null && next.token !== useDesk.getState().session?.token) startSession(next);
  });
  void pollHealth();
  healthTimer ??= setInterval(() => void pollHealth(), 5_000);
  useDesk.subscribe(reflectState);
}

export async function login(user: string, password: string): Promise<void> {
  useDesk.setState({ loginError: null });
  let response: Response;
  try {
    response = await fetch(`${base()}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user, password }) });
  } catch {
    useDesk.setState({ loginError: tr().t('connectorUnreachable') });
    return;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; retryAfterSeconds?: number } } | null)?.error;
    useDesk.setState({ loginError: error?.code === 'LOGIN_THROTTLED' ? tr().t('loginThrottled', { s: error.retryAfterSeconds ?? 1 }) : tr().t('loginFailed') });
    return;
  }
  const session = body as LoginResponse;
  localStorage.removeItem(CONNECTED_KEY);
  localStorage.setItem(TOKEN_KEY, JSON.stringify(session));
  if (localStorage.getItem(LANGUAGE_KEY) === null) useDesk.setState({ language: session.user.language });
  startSession(session);
}

export async function logout(): Promise<void> {
  const token = useDesk.getState().session?.token;
  connection?.close();
  connection = undefined;
  localStorage.removeItem(TOKEN_KEY);
  useDesk.setState({ ...initialState, language: useDesk.getState().language, health: useDesk.getState().health });
  if (token !== undefined) await fetch(`${base()}/api/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}

function sessionFromStorage(): LoginResponse | null {
  try {
    const stored = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null') as LoginResponse | null;
    if (stored === null || typeof stored.token !== 'string' || Date.parse(stored.expiresAt) <= Date.now()) return null;
    return stored;
  } catch {
    return null;
  }
}

function startSession(session: LoginResponse): void {
  connection?.close();
  useDesk.setState({ session: { token: session.token, user: session.user, expiresAt: session.expiresAt }, link: 'connecting' });
  const wsUrl = `${base().replace(/^http/, 'ws')}/ws`;
  connection = new DeskConnection({
    url: wsUrl,
    token: session.token,
    open: (url) => new WebSocket(url),
    onStatus: (link) => {
      useDesk.setState(link === 'open' ? { link } : { link, connected: false });
      if (link === 'ended') {
        localStorage.removeItem(TOKEN_KEY);
        useDesk.setState({ ...initialState, language: useDesk.getState().language, loginError: tr().t('sessionEnded') });
      }
    },
    onWelcome: (welcome) => {
      const state = useDesk.getState();
      // "Connect automatically after login" from the line settings; after a reconnect, whatever the user chose.
      // A page reloaded (or another window) keeps what the user chose during this login.
      const chosen = localStorage.getItem(CONNECTED_KEY);
      const wants = state.lines.length > 0 ? state.wantsConnected : chosen === null ? welcome.lines.some((l) => l.autoConnect) : chosen === 'yes';
      useDesk.setState({ lines: welcome.lines, wantsConnected: wants });
      if (wants) void connect();
      void loadCalls(useDesk.getState().filter);
      void loadNotifications();
    },
    onPush: onPush,
  });
}

async function request<T extends ServerMessage['type']>(message: Outgoing, expect: T): Promise<Extract<ServerMessage, { type: T }> | undefined> {
  if (connection === undefined) return undefined;
  try {
    return await connection.request(message, expect);
  } catch (error) {
    if (error instanceof DeskRequestFailed) useDesk.setState({ banner: `${tr().t('error')}: ${error.message}` });
    return undefined;
  }
}

export async function connect(): Promise<void> {
  if (isFollower) {
    await callLeader('connect', []);
    return;
  }
  shell.allowNotifications();
  useDesk.setState({ wantsConnected: true });
  localStorage.setItem(CONNECTED_KEY, 'yes');
  const user = useDesk.getState().session?.user;
  const scope = user !== undefined && user.role !== 'user' && useDesk.getState().lines.length === 0 ? 'all' : 'own';
  const reply = await request({ type: 'connect', scope }, 'connected');
  if (reply === undefined) return;
  useDesk.setState({ connected: true });
  // Calls still ringing or up on the lines: their pop-ups come back (after a reconnect too). Open pop-ups
  // of calls that ended while the desk was away are over: the same rules close them or mark them ended.
  const live = new Set(reply.calls.map(popupKey));
  for (const popup of useDesk.getState().popups) {
    if (popup.ended === null && !live.has(popup.key)) endPopup(popup, { reason: 'ended', missed: missedBy(popup.call) });
  }
  for (const call of reply.calls) showCall(call);
}

export async function disconnect(): Promise<void> {
  if (isFollower) {
    await callLeader('disconnect', []);
    return;
  }
  useDesk.setState({ wantsConnected: false, connected: false });
  localStorage.setItem(CONNECTED_KEY, 'no');
  await request({ type: 'disconnect' }, 'disconnected');
}

function onPush(message: Extract<ServerMessage, { type: 'call' | 'call.gone' | 'notification' | 'session.end' }>): void {
  switch (message.type) {
    case 'call':
      showCall(message.call);
      return;
    case 'call.gone': {
      const key = popupKey(message);
      const popup = useDesk.getState().popups.find((p) => p.key === key);
      if (popup === undefined) return;
      endPopup(popup, message);
      // The call's row is written a moment after it ends: the list shows it then.
      setTimeout(() => void loadCalls(useDesk.getState().filter), 1_500);
      return;
    }
    case 'notification': {
      useDesk.setState((s) => ({ notifications: [message.notification, ...s.notifications.filter((n) => n.id !== message.notification.id)] }));
      const t = tr();
      shell.notify(t.t('missedCall'), message.notification.remoteNumber ?? message.notification.message, () => {
        openCall(message.notification.callHistoryId);
      });
      return;
    }
    case 'session.end':
      return;
  }
}

/** The call is over for the pop-up's line: the line's rules close the pop-up, or it stays marked ended. */
function endPopup(popup: Popup, gone: Parameters<typeof afterCallGone>[0]): void {
  const line = useDesk.getState().lines.find((l) => l.exchangeId === popup.call.exchangeId && l.line === popup.call.line);
  const outcome = afterCallGone(gone, line, { note: popup.note, saved: popup.activityId !== null });
  if (outcome.close) closePopup(popup.key);
  else updatePopup(popup.key, (p) => ({ ...p, ended: outcome.ended }));
}

function showCall(call: LiveCall): void {
  const key = popupKey(call);
  const existing = useDesk.getState().popups.find((p) => p.key === key);
  if (existing !== undefined) {
    updatePopup(key, (p) => ({ ...p, call, ended: null, contactPersonId: p.contactPersonId ?? soleContact(call) }));
    return;
  }
  const popup: Popup = {
    key, call, ended: null, note: '', contactPersonId: soleContact(call), activityId: null, taskCreated: false, busy: false, search: '', searchResults: [],
  };
  useDesk.setState((s) => ({ popups: [...s.popups, popup] }));
  if (call.state === 'ringing') shell.popup();
}

/** One contact is taken as it is; several are offered and nothing is picked for the user. */
const soleContact = (call: LiveCall): number | null => (call.contacts.length === 1 ? (call.contacts[0]?.contactPersonId ?? null) : null);

export function closePopup(key: string): void {
  if (isFollower) {
    void callLeader('closePopup', [key]);
    return;
  }
  useDesk.setState((s) => ({ popups: s.popups.filter((p) => p.key !== key) }));
}

export function setNote(key: string, note: string): void {
  if (isFollower) {
    void callLeader('setNote', [key, note]);
    return;
  }
  updatePopup(key, (p) => ({ ...p, note }));
}

export function pickContact(key: string, contactPersonId: number): void {
  if (isFollower) {
    void callLeader('pickContact', [key, contactPersonId]);
    return;
  }
  updatePopup(key, (p) => ({ ...p, contactPersonId }));
}

export async function saveActivity(key: string): Promise<void> {
  if (isFollower) {
    await callLeader('saveActivity', [key]);
    return;
  }
  const popup = useDesk.getState().popups.find((p) => p.key === key);
  if (popup === undefined) return;
  updatePopup(key, (p) => ({ ...p, busy: true }));
  const { exchangeId, callId, line } = popup.call;
  const reply = await request({ type: 'activity.save', exchangeId, callId, line, contactPersonId: popup.contactPersonId, note: popup.note }, 'activity.saved');
  updatePopup(key, (p) => ({ ...p, busy: false, activityId: reply?.activityId ?? p.activityId }));
}

export async function createTask(key: string, subject: string, dueDate: string): Promise<void> {
  if (isFollower) {
    await callLeader('createTask', [key, subject, dueDate]);
    return;
  }
  const popup = useDesk.getState().popups.find((p) => p.key === key);
  if (popup?.activityId == null) return;
  const reply = await request({ type: 'task.create', activityId: popup.activityId, subject, dueAt: dueDate === '' ? null : dueDate, note: popup.note }, 'task.created');
  if (reply !== undefined) updatePopup(key, (p) => ({ ...p, taskCreated: true }));
}

export async function searchContacts(key: string, query: string): Promise<void> {
  if (isFollower) {
    await callLeader('searchContacts', [key, query]);
    return;
  }
  updatePopup(key, (p) => ({ ...p, search: query }));
  if (query.trim().length < 2) {
    updatePopup(key, (p) => ({ ...p, searchResults: [] }));
    return;
  }
  const reply = await request({ type: 'contacts.search', query: query.trim() }, 'contacts.search');
  // Only the answer to what the field still says is shown (typing is faster than answers).
  updatePopup(key, (p) => (p.search === query ? { ...p, searchResults: reply?.contacts ?? [] } : p));
}

export async function searchDirectory(query: string): Promise<void> {
  useDesk.setState({ directoryQuery: query });
  if (query.trim().length < 2) {
    useDesk.setState({ directory: [] });
    return;
  }
  const reply = await request({ type: 'contacts.search', query: query.trim() }, 'contacts.search');
  if (useDesk.getState().directoryQuery === query) useDesk.setState({ directory: reply?.contacts ?? [] });
}

export async function searchPartners(query: string): Promise<readonly { id: number; abbr: string; name: string }[]> {
  if (isFollower) return ((await callLeader('searchPartners', [query])) ?? []) as readonly { id: number; abbr: string; name: string }[];
  if (query.trim().length < 2) return [];
  return (await request({ type: 'partners.search', query: query.trim() }, 'partners.search'))?.partners ?? [];
}

export async function assignContact(key: string, contactPersonId: number): Promise<void> {
  if (isFollower) {
    await callLeader('assignContact', [key, contactPersonId]);
    return;
  }
  const popup = useDesk.getState().popups.find((p) => p.key === key);
  if (popup === undefined) return;
  const { exchangeId, callId, line } = popup.call;
  const reply = await request({ type: 'contacts.assign', exchangeId, callId, line, contactPersonId }, 'contacts.saved');
  if (reply !== undefined) contactSaved(key, reply.contact);
}

export async function createContact(key: string, firstName: string, lastName: string, partner: { id: number } | { newName: string } | null): Promise<void> {
  if (isFollower) {
    await callLeader('createContact', [key, firstName, lastName, partner]);
    return;
  }
  const popup = useDesk.getState().popups.find((p) => p.key === key);
  if (popup === undefined) return;
  const { exchangeId, callId, line } = popup.call;
  const reply = await request({ type: 'contacts.create', exchangeId, callId, line, firstName, lastName, partner }, 'contacts.saved');
  if (reply !== undefined) contactSaved(key, reply.contact);
}

function contactSaved(key: string, contact: LiveCall['contacts'][number]): void {
  updatePopup(key, (p) => ({
    ...p, contactPersonId: contact.contactPersonId, search: '', searchResults: [],
    call: { ...p.call, contacts: p.call.contacts.some((c) => c.contactPersonId === contact.contactPersonId) ? p.call.contacts : [...p.call.contacts, contact] },
  }));
}

export async function dial(number: string): Promise<void> {
  if (isFollower) {
    await callLeader('dial', [number]);
    return;
  }
  useDesk.setState({ dialStatus: null });
  const reply = await request({ type: 'dial', number, line: null }, 'dial.accepted');
  if (reply !== undefined) useDesk.setState({ dialStatus: { ok: true, text: tr().t('dialing', { number }) }, banner: null });
  else useDesk.setState((s) => ({ dialStatus: { ok: false, text: s.banner ?? tr().t('error') }, banner: null }));
  // The word about this dial is for now, not for the next calls.
  const shown = useDesk.getState().dialStatus;
  setTimeout(() => {
    if (useDesk.getState().dialStatus === shown) useDesk.setState({ dialStatus: null });
  }, 15_000);
}

export function setDialNumber(dialNumber: string): void {
  useDesk.setState({ dialNumber });
}

export async function loadCalls(filter: CallListFilter): Promise<void> {
  useDesk.setState({ filter });
  const reply = await request({ type: 'calls.list', filter, limit: 100 }, 'calls.list');
  if (reply !== undefined && useDesk.getState().filter === filter) useDesk.setState({ calls: reply.calls });
}

export async function loadStats(): Promise<void> {
  const reply = await request({ type: 'calls.stats', days: 30 }, 'calls.stats');
  if (reply !== undefined) useDesk.setState({ stats: reply.stats });
}

export async function loadNotifications(): Promise<void> {
  const reply = await request({ type: 'notifications.list' }, 'notifications.list');
  if (reply !== undefined) useDesk.setState({ notifications: reply.notifications });
}

export async function markAllSeen(): Promise<void> {
  await request({ type: 'notifications.seen', ids: 'all' }, 'ok');
  await loadNotifications();
}

export function showView(view: View): void {
  useDesk.setState({ view });
  if (view === 'charts') void loadStats();
  if (view === 'notifications') void loadNotifications();
  if (view === 'calls') void loadCalls(useDesk.getState().filter);
}

/** A notification was clicked: the missed calls open with that call marked, ready for "call back". */
export function openCall(callHistoryId: number | null): void {
  useDesk.setState({ view: 'calls', highlightCall: callHistoryId });
  void loadCalls('missed');
}

export async function setLanguage(language: DeskLanguage): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  useDesk.setState({ language, dialStatus: null });
  if (useDesk.getState().session !== null) await request({ type: 'language.set', language }, 'ok');
}

export function dismissBanner(): void {
  useDesk.setState({ banner: null });
}

async function pollHealth(): Promise<void> {
  try {
    const response = await fetch(`${base()}/health`, { cache: 'no-store' });
    const parsed = parseHealthReport(await response.json());
    useDesk.setState({ health: parsed.ok ? parsed.value : null });
  } catch {
    useDesk.setState({ health: null });
  }
}

/** The contact-center colour for the tray and the tab, whenever what it depends on changes. */
let shownState = '';
function reflectState(): void {
  const state = currentState();
  if (`${state.colour}:${state.reason}` === shownState) return;
  shownState = `${state.colour}:${state.reason}`;
  shell.state(state.colour, state.reason);
}

export function currentState(): ReturnType<typeof contactCenterState> {
  const s = useDesk.getState();
  return contactCenterState(
    { wantsConnected: s.wantsConnected, health: s.health, exchangeId: s.lines[0]?.exchangeId ?? 1, sessionOpen: s.link === 'open' && s.connected },
    stateWords(tr()),
  );
}
