// The console window: isolated, sandboxed, no Node in the page, and unable to navigate away,
// open other windows, or get permissions beyond media for our own page.
import { BrowserWindow, session, type WebContents } from 'electron';
import { isTrustedSender } from '../services/ipc/senderCheck';
import type { Logger } from '../services/log/logger';

export interface WindowOptions {
  preload: string;
  rendererUrl: string;
  log: Logger;
}

// Microphone and camera for calls; speaker-selection so the ring tone can go to another device.
const ALLOWED_PERMISSIONS = new Set(['media', 'speaker-selection']);

const isOurPage = (url: string | undefined, rendererUrl: string) => isTrustedSender({ isOurMainFrame: true, url }, rendererUrl);

export function lockDownContents(contents: WebContents, options: WindowOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (isOurPage(url, options.rendererUrl)) return;
    event.preventDefault();
    options.log.warn('window.navigation-blocked');
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => {
    options.log.warn('window.open-blocked');
    return { action: 'deny' };
  });
}

export function installPermissionHandlers(options: WindowOptions): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = ALLOWED_PERMISSIONS.has(permission) && isOurPage(details.requestingUrl, options.rendererUrl);
    if (!allowed) options.log.warn('window.permission-denied', { permission });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    // file:// pages report the origin "file://"; check the full URL where Electron gives it.
    const url = details.requestingUrl ?? requestingOrigin;
    return ALLOWED_PERMISSIONS.has(permission) && (isOurPage(url, options.rendererUrl) || requestingOrigin === 'file://');
  });
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Växel',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
      // A switchboard rings with the window in the background: no timer throttling, and the
      // ring tone may start without a click (it is the console's own generated audio).
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  // Keep the product name in the title bar whatever the page sets.
  win.on('page-title-updated', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.rendererUrl);
  return win;
}
