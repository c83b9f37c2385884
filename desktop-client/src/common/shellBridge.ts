import type { StateColour } from './contactCenterState.js';

/**
 * The Electron preload's bridge (`window.deskShell`): every IPC channel the
 * renderer and the main process share, named once here. The main process
 * validates what arrives on each (validateShellMessage).
 */
export const SHELL_CHANNELS = {
  notify: 'desk:notify',
  notificationClick: 'desk:notification-click',
  setState: 'desk:set-state',
  showPopup: 'desk:show-popup',
  dialLink: 'desk:dial-link',
  trayCommand: 'desk:tray-command',
} as const;

/** What the tray menu asks of the page: the page owns the connection, so it connects and disconnects. */
export type TrayCommand = 'connect' | 'disconnect';

export interface ShellNotification {
  readonly title: string;
  readonly body: string;
}

export interface ShellState {
  readonly colour: StateColour;
  readonly reason: string;
}

export interface ShellBridge {
  notify(notification: ShellNotification): void;
  onNotificationClick(listener: () => void): void;
  setState(state: ShellState): void;
  showPopup(): void;
  onDialLink(listener: (url: string) => void): void;
  onTrayCommand(listener: (command: TrayCommand) => void): void;
}

/** What the main process accepts from the renderer: anything else is dropped. */
export function readShellNotification(value: unknown): ShellNotification | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { title, body } = value as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string' || title.length > 200 || body.length > 1000) return undefined;
  return { title, body };
}

export function readShellState(value: unknown): ShellState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { colour, reason } = value as Record<string, unknown>;
  if ((colour !== 'green' && colour !== 'white' && colour !== 'orange') || typeof reason !== 'string' || reason.length > 500) return undefined;
  return { colour, reason };
}

/**
 * The number the preload gives each notification it sends (`{ title, body, id }`);
 * the main process sends it back with the click, so that the page runs the
 * listener of the notification that was clicked. 0 when there is none.
 */
export function readNotificationId(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const { id } = value as Record<string, unknown>;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : 0;
}
