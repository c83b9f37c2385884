// The preload of both shell windows: `window.deskShell` (ShellBridge) over
// Electron's IPC. The windows run sandboxed, so this is bundled to CommonJS
// (dist/preload/preload.cjs, by scripts/build-web.mjs) with only `electron`
// left to require. The main process validates everything sent from here.
import { contextBridge, ipcRenderer } from 'electron';
import { SHELL_CHANNELS, type ShellBridge, type TrayCommand } from '../common/shellBridge.js';

// Each notification gets a number the main process sends back with its click.
// They start at the clock, so a number from before a reload matches nothing after it.
let lastNotification = Date.now();
const clickListeners = new Map<number, () => void>();
const KEPT_CLICK_LISTENERS = 50;

ipcRenderer.on(SHELL_CHANNELS.notificationClick, (_event, id: unknown) => {
  if (typeof id !== 'number') return;
  // A listener registered before any notification (id 0) hears clicks that match no other.
  const listener = clickListeners.get(id) ?? clickListeners.get(0);
  if (id !== 0) clickListeners.delete(id);
  listener?.();
});

// Links can come before the page listens (the app was started by one): they wait for it.
const dialListeners: ((url: string) => void)[] = [];
const waitingLinks: string[] = [];
ipcRenderer.on(SHELL_CHANNELS.dialLink, (_event, url: unknown) => {
  if (typeof url !== 'string') return;
  if (dialListeners.length === 0) waitingLinks.push(url);
  for (const listener of dialListeners) listener(url);
});

const trayListeners: ((command: TrayCommand) => void)[] = [];
ipcRenderer.on(SHELL_CHANNELS.trayCommand, (_event, command: unknown) => {
  if (command !== 'connect' && command !== 'disconnect') return;
  for (const listener of trayListeners) listener(command);
});

let notified = 0;
const bridge: ShellBridge = {
  notify: (notification) => {
    lastNotification++;
    notified = lastNotification;
    ipcRenderer.send(SHELL_CHANNELS.notify, { title: notification.title, body: notification.body, id: notified });
  },
  // The page registers a notification's click listener right after notifying it.
  onNotificationClick: (listener) => {
    clickListeners.set(notified, listener);
    for (const id of clickListeners.keys()) {
      if (clickListeners.size <= KEPT_CLICK_LISTENERS) break;
      if (id !== 0) clickListeners.delete(id);
    }
  },
  setState: (state) => {
    ipcRenderer.send(SHELL_CHANNELS.setState, { colour: state.colour, reason: state.reason });
  },
  showPopup: () => {
    ipcRenderer.send(SHELL_CHANNELS.showPopup);
  },
  onDialLink: (listener) => {
    dialListeners.push(listener);
    for (const url of waitingLinks.splice(0)) listener(url);
  },
  onTrayCommand: (listener) => {
    trayListeners.push(listener);
  },
};

contextBridge.exposeInMainWorld('deskShell', bridge);
