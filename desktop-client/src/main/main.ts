// The Electron shell of the desk: a tray icon in the contact-center colour, the
// desk window and the always-on-top pop-up window (both show the connector's
// page), native notifications, tel: / callto: links and start at login. Only
// wiring: what to show and when is decided by the pure modules in ../common.
import path from 'node:path';
import { BrowserWindow, Menu, Tray, app, dialog, ipcMain, nativeImage, screen, session, shell } from 'electron';
import type { IpcMainEvent, MenuItemConstructorOptions, WebContents } from 'electron';
import notifier from 'node-notifier';
import { connectorUrl, findDialUrl, popupUrl } from '../common/launchArgs.js';
import { SHELL_CHANNELS, readNotificationId, readShellNotification, readShellState, type ShellNotification, type ShellState } from '../common/shellBridge.js';
import { TRAY_WORDS, trayLanguage, trayView, type TrayMenuItem } from '../common/trayState.js';
import { chooseWindow, type ShellEvent, type ShellMessage } from '../common/windowChoice.js';

const APP_ID = 'cz.contactcenter.desktop';
const PRODUCT_NAME = 'Contact Center';
/** Started at login (Windows keeps the entry with this argument), the app starts in the tray. */
const HIDDEN_FLAG = '--hidden';
const LOGIN_ARGS = [HIDDEN_FLAG];
const RELOAD_AFTER_MS = 5_000;

function log(message: string): void {
  process.stderr.write(`desk shell: ${message}\n`);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it gets our argv (and a tel: link in it) through `second-instance`.
  app.quit();
} else {
  start();
}

function start(): void {
  const connector = connectorUrl(process.argv);
  const connectorOrigin = connector.ok ? new URL(connector.url).origin : '';
  const appPath = app.getAppPath();
  const asset = (name: string): string => path.join(appPath, 'assets', name);
  // The notifier is another program: it cannot read inside app.asar, so the icon is unpacked beside it (electron-builder.yml).
  const notificationIcon = asset('icon.png').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  const preload = path.join(appPath, 'dist', 'preload', 'preload.cjs');
  const webPreferences = { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, spellcheck: false } as const;

  let mainWindow: BrowserWindow | undefined;
  let popupWindow: BrowserWindow | undefined;
  let tray: Tray | undefined;
  let quitting = false;
  let state: ShellState = { colour: 'white', reason: '' };
  let unseenMissedCalls = 0;
  // Links and launches that come before the windows exist (macOS sends open-url that early).
  const early: ShellEvent[] = [];
  const firstLink = findDialUrl(process.argv.slice(1));
  if (firstLink !== undefined) early.push({ kind: 'dial-link', url: firstLink });

  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  registerProtocols();

  app.on('second-instance', (_event, argv) => {
    handle({ kind: 'second-instance', dialUrl: findDialUrl(argv.slice(1)) });
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handle({ kind: 'dial-link', url });
  });
  app.on('activate', () => {
    handle({ kind: 'tray-show' });
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // The shell lives in the tray: closing its windows only hides them.
  app.on('window-all-closed', () => undefined);

  void app.whenReady().then(() => {
    if (!connector.ok) {
      dialog.showErrorBox(PRODUCT_NAME, `The connector address is wrong: ${connector.reason}.`);
      app.exit(1);
      return;
    }
    guardSession();
    mainWindow = createMainWindow(connector.url);
    popupWindow = createPopupWindow(popupUrl(connector.url));
    tray = new Tray(nativeImage.createFromPath(asset('tray-white.png')));
    tray.on('click', () => {
      handle({ kind: 'tray-show' });
    });
    refreshTray();
    listenToPages();
    const hidden = process.argv.includes(HIDDEN_FLAG) || (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
    if (!hidden && early.length === 0) mainWindow.once('ready-to-show', () => mainWindow?.show());
    for (const event of early.splice(0)) handle(event);
  });

  function registerProtocols(): void {
    for (const scheme of ['tel', 'callto']) {
      // Started as `electron .` (not packaged), Windows must be told which app folder to start.
      const registered = process.defaultApp && process.argv[1] !== undefined
        ? app.setAsDefaultProtocolClient(scheme, process.execPath, [path.resolve(process.argv[1])])
        : app.setAsDefaultProtocolClient(scheme);
      if (!registered) log(`could not register as the ${scheme}: handler`);
    }
  }

  /** The pages may navigate only within the connector, open nothing, and ask for no permission. */
  function guardSession(): void {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
      callback(permission === 'clipboard-sanitized-write');
    });
    app.on('web-contents-created', (_event, contents) => {
      contents.on('will-navigate', (event, url) => {
        if (originOf(url) === connectorOrigin) return;
        event.preventDefault();
        openOutside(url);
      });
      contents.setWindowOpenHandler(({ url }) => {
        openOutside(url);
        return { action: 'deny' };
      });
    });
  }

  function openOutside(url: string): void {
    const protocol = URL.canParse(url) ? new URL(url).protocol : '';
    if (protocol === 'http:' || protocol === 'https:') void shell.openExternal(url);
  }

  function createMainWindow(url: string): BrowserWindow {
    const window = new BrowserWindow({
      width: 1280, height: 860, minWidth: 800, minHeight: 560, show: false, title: PRODUCT_NAME, autoHideMenuBar: true, webPreferences,
    });
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('focus', () => {
      unseenMissedCalls = 0;
      refreshTray();
    });
    loadAndRetry(window, url, true);
    return window;
  }

  function createPopupWindow(url: string): BrowserWindow {
    const { workArea } = screen.getPrimaryDisplay();
    const width = 420;
    const height = 560;
    const window = new BrowserWindow({
      width, height, x: workArea.x + workArea.width - width - 16, y: workArea.y + workArea.height - height - 16,
      show: false, title: PRODUCT_NAME, alwaysOnTop: true, skipTaskbar: true, minimizable: false, maximizable: false, fullscreenable: false,
      autoHideMenuBar: true, webPreferences,
    });
    window.setAlwaysOnTop(true, 'floating');
    window.setVisibleOnAllWorkspaces(true);
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window.hide();
    });
    loadAndRetry(window, url, false);
    return window;
  }

  /** Until the connector answers, the tray says so and the page is tried again every few seconds. */
  function loadAndRetry(window: BrowserWindow, url: string, reportsState: boolean): void {
    window.webContents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
      if (!isMainFrame || errorCode === -3) return; // -3: aborted by a newer navigation
      if (reportsState) {
        state = { colour: 'orange', reason: `${connectorOrigin} cannot be reached (${errorDescription})` };
        refreshTray();
      }
      setTimeout(() => {
        if (!window.isDestroyed()) void window.loadURL(url).catch(() => undefined);
      }, RELOAD_AFTER_MS);
    });
    window.loadURL(url).catch((error: unknown) => {
      log(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Which window a message comes from, if it is one of ours showing the connector's page. */
  function senderOf(event: IpcMainEvent): 'main' | 'popup' | undefined {
    if (originOf(event.senderFrame?.url ?? '') !== connectorOrigin) return undefined;
    if (mainWindow !== undefined && event.sender === mainWindow.webContents) return 'main';
    if (popupWindow !== undefined && event.sender === popupWindow.webContents) return 'popup';
    return undefined;
  }

  function listenToPages(): void {
    // Both windows run the desk; notifications and the state are taken from the main window's only, or they would come twice.
    ipcMain.on(SHELL_CHANNELS.notify, (event, value: unknown) => {
      if (senderOf(event) !== 'main') return;
      const notification = readShellNotification(value);
      if (notification === undefined) return;
      if (mainWindow?.isFocused() !== true) {
        unseenMissedCalls++;
        refreshTray();
      }
      showNotification(notification, readNotificationId(value));
    });
    ipcMain.on(SHELL_CHANNELS.setState, (event, value: unknown) => {
      if (senderOf(event) !== 'main') return;
      const next = readShellState(value);
      if (next === undefined) return;
      state = next;
      refreshTray();
    });
    ipcMain.on(SHELL_CHANNELS.showPopup, (event) => {
      if (senderOf(event) === undefined) return;
      handle({ kind: 'call-ringing' });
    });
  }

  function showNotification(notification: ShellNotification, id: number): void {
    notifier.notify(
      { title: notification.title, message: notification.body, icon: notificationIcon, wait: true, ...(process.platform === 'win32' ? { appID: APP_ID } : {}) },
      (error, response) => {
        if (error !== null) {
          log(`notification failed: ${error.message}`);
          return;
        }
        // node-notifier reports a click as 'activate' (macOS, Windows); notify-send on Linux reports none.
        if (response === 'activate') handle({ kind: 'notification-click', id });
      },
    );
  }

  function handle(event: ShellEvent): void {
    if (mainWindow === undefined || popupWindow === undefined) {
      early.push(event);
      return;
    }
    const choice = chooseWindow(event);
    const window = choice.window === 'main' ? mainWindow : popupWindow;
    if (window.isMinimized()) window.restore();
    if (choice.focus) {
      window.show();
      window.focus();
    } else {
      if (!window.isVisible()) window.showInactive();
      window.moveTop();
    }
    if (choice.message !== undefined) sendWhenLoaded(window.webContents, choice.message);
  }

  function sendWhenLoaded(contents: WebContents, message: ShellMessage): void {
    const send = (): void => {
      contents.send(message.channel, message.payload);
    };
    if (contents.isLoading()) contents.once('did-finish-load', send);
    else send();
  }

  function startAtLogin(): boolean | undefined {
    if (process.platform === 'linux') return undefined; // Electron cannot set it there: the packages' autostart is the way
    return app.getLoginItemSettings({ args: LOGIN_ARGS }).openAtLogin;
  }

  function refreshTray(): void {
    if (tray === undefined) return;
    const words = TRAY_WORDS[trayLanguage(app.getLocale())];
    const view = trayView({ colour: state.colour, reason: state.reason, unseenMissedCalls, startAtLogin: startAtLogin() }, words);
    tray.setImage(nativeImage.createFromPath(asset(view.icon)));
    tray.setToolTip(view.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(view.menu.map(menuItem)));
  }

  function menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'checkbox':
        return {
          type: 'checkbox', label: item.label, checked: item.checked, click: (menu) => {
            app.setLoginItemSettings({ openAtLogin: menu.checked, args: LOGIN_ARGS });
            refreshTray();
          },
        };
      case 'action':
        return {
          label: item.label, click: () => {
            if (item.id === 'show') handle({ kind: 'tray-show' });
            else if (item.id === 'quit') app.quit();
            else {
              // Both windows run the desk: both connect or disconnect, or the pop-ups would go on.
              for (const window of [mainWindow, popupWindow]) window?.webContents.send(SHELL_CHANNELS.trayCommand, item.id);
            }
          },
        };
    }
  }
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '';
}
