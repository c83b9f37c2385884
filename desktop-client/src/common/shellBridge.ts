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
} as const;

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
