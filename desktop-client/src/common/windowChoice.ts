import { SHELL_CHANNELS } from './shellBridge.js';

/**
 * Which of the shell's two windows an event brings up, and what its page is
 * told then (pure). The main window is the desk; the pop-up window is the
 * small always-on-top one that shows ringing calls over whatever the user
 * is doing.
 */
export type ShellEvent =
  /** The renderer saw a call start ringing (`desk:show-popup`). */
  | { readonly kind: 'call-ringing' }
  /** The user clicked a native notification; `id` says which (the preload matches it to its listener). */
  | { readonly kind: 'notification-click'; readonly id: number }
  /** A tel: / callto: link reached the shell (open-url on macOS, the first launch's argv elsewhere). */
  | { readonly kind: 'dial-link'; readonly url: string }
  /** The app was started again; `dialUrl` is the tel: / callto: link in its argv, if any (Windows and Linux pass links so). */
  | { readonly kind: 'second-instance'; readonly dialUrl: string | undefined }
  /** "Show desk" in the tray menu, or a click on the tray icon. */
  | { readonly kind: 'tray-show' };

export type ShellMessage =
  | { readonly channel: typeof SHELL_CHANNELS.dialLink; readonly payload: string }
  | { readonly channel: typeof SHELL_CHANNELS.notificationClick; readonly payload: number };

export interface WindowChoice {
  readonly window: 'main' | 'popup';
  /**
   * Take the keyboard focus. A ringing pop-up shows without it (showInactive),
   * so the user typing elsewhere does not type into the desk; everything the
   * user did themselves (a click, a link, starting the app) focuses.
   */
  readonly focus: boolean;
  /** What to send to that window's page once it is shown (and loaded). */
  readonly message: ShellMessage | undefined;
}

export function chooseWindow(event: ShellEvent): WindowChoice {
  switch (event.kind) {
    case 'call-ringing':
      return { window: 'popup', focus: false, message: undefined };
    case 'notification-click':
      return { window: 'main', focus: true, message: { channel: SHELL_CHANNELS.notificationClick, payload: event.id } };
    case 'dial-link':
      return { window: 'main', focus: true, message: dialMessage(event.url) };
    case 'second-instance':
      return { window: 'main', focus: true, message: event.dialUrl === undefined ? undefined : dialMessage(event.dialUrl) };
    case 'tray-show':
      return { window: 'main', focus: true, message: undefined };
  }
}

/** Links longer than this are not phone numbers; they bring up the desk and nothing more. */
export const DIAL_LINK_LIMIT = 300;

/**
 * A tel: or callto: link goes to the page as it came: the page reads the
 * number (parseTelLink), dials it, or says why it cannot. Anything else still
 * brings up the desk, but tells the page nothing.
 */
function dialMessage(url: string): ShellMessage | undefined {
  const link = url.trim();
  if (link.length > DIAL_LINK_LIMIT || !/^(tel|callto):/i.test(link)) return undefined;
  return { channel: SHELL_CHANNELS.dialLink, payload: link };
}
