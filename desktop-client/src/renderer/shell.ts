import type { StateColour } from '../common/contactCenterState.js';
import type { ShellBridge, TrayCommand } from '../common/shellBridge.js';

/**
 * What the renderer asks of the shell it runs in. In Electron the preload
 * exposes `window.deskShell` (tray colour, the always-on-top pop-up window,
 * native notifications through node-notifier); in a browser the page does
 * it itself with the Web Notifications API and the tab's title and icon.
 */
export interface DeskShell {
  readonly kind: 'electron' | 'browser';
  notify(title: string, body: string, onClick: () => void): void;
  state(colour: StateColour, reason: string): void;
  /** A call started ringing: bring the pop-up to the front. */
  popup(): void;
  /** Asks for permission to notify, from a user's click. */
  allowNotifications(): void;
  /** `tel:` / `callto:` links that reach the shell (Electron's protocol handler). */
  onDialLink(listener: (url: string) => void): void;
  /** Connect / Disconnect chosen in the tray menu (Electron only). */
  onTrayCommand(listener: (command: TrayCommand) => void): void;
}

declare global {
  interface Window {
    readonly deskShell?: ShellBridge;
  }
}

const FAVICON: Readonly<Record<StateColour, string>> = {
  green: '#2e9d4f',
  white: '#f4f4f4',
  orange: '#f08a00',
};

function browserShell(): DeskShell {
  return {
    kind: 'browser',
    notify: (title, body, onClick) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const notification = new Notification(title, { body, tag: body });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
    state: (colour, reason) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="${FAVICON[colour]}" stroke="#555"/></svg>`;
      let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      if (link === null) {
        link = document.createElement('link');
        link.rel = 'icon';
        document.head.append(link);
      }
      link.href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
      document.title = `${reason} – K2`;
    },
    popup: () => {
      window.focus();
    },
    allowNotifications: () => {
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    },
    onDialLink: (listener) => {
      // registerProtocolHandler sends tel: links to …/#dial=<url>; the hash says which.
      const check = (): void => {
        const match = /^#dial=(.+)$/.exec(window.location.hash);
        if (match?.[1] === undefined) return;
        history.replaceState(null, '', window.location.pathname);
        listener(decodeURIComponent(match[1]));
      };
      window.addEventListener('hashchange', check);
      check();
      try {
        navigator.registerProtocolHandler('tel', `${window.location.origin}/#dial=%s`);
      } catch {
        // Not every browser lets a page handle tel: (or only over HTTPS); the dial box is there.
      }
    },
    onTrayCommand: () => undefined,
  };
}

function electronShell(bridge: ShellBridge): DeskShell {
  return {
    kind: 'electron',
    notify: (title, body, onClick) => {
      bridge.notify({ title, body });
      bridge.onNotificationClick(onClick);
    },
    state: (colour, reason) => {
      bridge.setState({ colour, reason });
    },
    popup: () => {
      bridge.showPopup();
    },
    allowNotifications: () => undefined,
    onDialLink: (listener) => {
      bridge.onDialLink(listener);
    },
    onTrayCommand: (listener) => {
      bridge.onTrayCommand(listener);
    },
  };
}

export const shell: DeskShell = typeof window !== 'undefined' && window.deskShell !== undefined ? electronShell(window.deskShell) : browserShell();
