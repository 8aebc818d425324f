// The console in the background (issue 15 point 2), wired to Electron: tray, global shortcuts,
// notifications, taskbar flash, tel:/sip: links, start at login. Every decision is made in
// common/desktop (tested in Node); this file only calls Electron with the results.
import { app, globalShortcut, Menu, nativeImage, Notification, Tray, type BrowserWindow } from 'electron';
import path from 'node:path';
import { CHANNEL_PREFIX, type EventName, type EventPayload } from '../../common/ipc/contract';
import type { DesktopStateReport } from '../../common/ipc/desktop';
import { planShortcuts } from '../../common/desktop/accelerator';
import { notificationText, shouldFlash, shouldNotify, trayText, type DesktopState } from '../../common/desktop/attention';
import type { DialRequest } from '../../common/desktop/dialLink';
import { en } from '../../common/i18n/en';
import { sv } from '../../common/i18n/sv';
import { desktopSettings, type SettingsState } from '../../common/settings/schema';
import type { Logger } from '../services/log/logger';

export const PROTOCOLS = ['tel', 'callto', 'sip', 'sips'] as const;

export interface DesktopOptions {
  log: Logger;
  assetsDir: string;
  window: () => BrowserWindow | undefined;
  /** Shows (creating if needed) and focuses the console window. */
  showWindow: () => void;
}

export interface Desktop {
  /** The renderer reported registration and waiting callers. */
  update(report: DesktopStateReport): void;
  /** Settings changed: shortcuts, start at login and tray language follow. */
  applySettings(state: SettingsState): void;
  /** A tel:/sip: link arrived (second instance argv, open-url, first start). */
  dial(request: DialRequest): void;
  /** The renderer is ready for events: a link that came before is sent now. */
  rendererReady(): void;
  /** What the Electron tier reads back (tray text, shortcut failures, notifications shown). */
  probe(): DesktopProbe;
  dispose(): void;
}

export interface DesktopProbe {
  tooltip: string;
  shortcutProblems: number;
  notificationsShown: number;
  flashing: boolean;
  /** Clicks the last notification, as the operator would. */
  clickLastNotification(): void;
}

export function startDesktop(options: DesktopOptions): Desktop {
  const { log } = options;
  let locale: 'sv' | 'en' = 'sv';
  let state: DesktopState = { registered: false, waiting: 0 };
  let shortcutProblems = 0;
  let pendingDial: DialRequest | null = null;
  let ready = false;
  let tooltip = '';
  let notificationsShown = 0;
  let flashing = false;
  let lastNotification: Notification | undefined;
  const icon = (name: string) => nativeImage.createFromPath(path.join(options.assetsDir, 'tray', `${name}.png`));
  const tray = new Tray(icon('unregistered'));
  const send = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const win = options.window();
    if (win && !win.isDestroyed()) win.webContents.send(CHANNEL_PREFIX + event, payload);
  };
  const attention = () => {
    const win = options.window();
    return { focused: !!win?.isFocused(), visible: !!win?.isVisible(), minimized: !!win?.isMinimized() };
  };
  const refreshTray = () => {
    const text = trayText(state, locale);
    const t = (locale === 'en' ? en : sv).desktop;
    tray.setImage(icon(text.icon));
    tooltip = shortcutProblems > 0 ? `${text.tooltip} (!)` : text.tooltip;
    tray.setToolTip(tooltip);
    if (process.platform === 'darwin') tray.setTitle(text.title);
    tray.setContextMenu(Menu.buildFromTemplate([{ label: t.show, click: options.showWindow }, { type: 'separator' }, { label: t.quit, click: () => app.quit() }]));
  };
  tray.on('click', options.showWindow);
  refreshTray();

  const registerShortcuts = (settings: SettingsState) => {
    globalShortcut.unregisterAll();
    if (settings.status !== 'ok') return;
    const plan = planShortcuts(desktopSettings(settings.settings).globalShortcuts);
    const failed = [...plan.problems.map((p) => ({ action: p.action, cause: 'invalid' }))];
    for (const { action, accelerator } of plan.register) {
      // register() returns false when another program already holds the key.
      const ok = globalShortcut.register(accelerator, () => send('globalShortcut', { action }));
      if (!ok) failed.push({ action, cause: 'taken' });
    }
    for (const f of failed) log.warn('desktop.shortcut-failed', { action: f.action, cause: f.cause });
    shortcutProblems = failed.length;
  };

  return {
    update(report) {
      const previous = state;
      state = report;
      refreshTray();
      const win = options.window();
      if (shouldNotify(previous, state, attention()) && Notification.isSupported()) {
        const notification = new Notification({ ...notificationText(locale), silent: true });
        notification.on('click', options.showWindow);
        notification.show();
        lastNotification = notification;
        notificationsShown++;
      }
      flashing = shouldFlash(state, attention());
      if (win && !win.isDestroyed()) win.flashFrame(flashing);
    },
    applySettings(settings) {
      if (settings.status === 'ok') locale = settings.settings.locale;
      registerShortcuts(settings);
      refreshTray();
      if (settings.status === 'ok' && app.isPackaged) {
        app.setLoginItemSettings({ openAtLogin: desktopSettings(settings.settings).startAtLogin });
      }
    },
    dial(request) {
      options.showWindow();
      if (ready) send('dialRequest', request);
      else pendingDial = request;
      log.info('desktop.dial-link', { scheme: request.scheme });
    },
    rendererReady() {
      ready = true;
      if (pendingDial) send('dialRequest', pendingDial);
      pendingDial = null;
    },
    probe: () => ({ tooltip, shortcutProblems, notificationsShown, flashing, clickLastNotification: () => lastNotification?.emit('click') }),
    dispose() {
      globalShortcut.unregisterAll();
      tray.destroy();
    },
  };
}

/** Registers the app as the handler of tel:/sip: links (per user; the installers do it per machine). */
export function registerProtocols(log: Logger): void {
  for (const scheme of PROTOCOLS) {
    // Unpackaged (development, tests) the OS must start electron with our app path. Reviewed: a
    // link is only ever parsed by parseDialLink into a number or SIP URI that prefills a dial-out.
    const ok = app.isPackaged
      ? app.setAsDefaultProtocolClient(scheme) // eng-disable PROTOCOL_HANDLER_JS_CHECK
      : app.setAsDefaultProtocolClient(scheme, process.execPath, [path.resolve(process.argv[1] ?? '.')]); // eng-disable PROTOCOL_HANDLER_JS_CHECK
    if (!ok) log.warn('desktop.protocol-not-registered', { scheme });
  }
}
