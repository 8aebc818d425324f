// The console window: isolated, sandboxed, no Node in the page, and unable to navigate away,
// open other windows, or get permissions beyond what main/services/security/permissions.ts allows
// for our own page. Its CSP is the web host's, from the one builder (security/csp.ts).
import { BrowserWindow, dialog, session, type WebContents } from 'electron';
import { headsetChoices, pickHeadset } from '../../common/desktop/hidChoice';
import { en } from '../../common/i18n/en';
import { sv } from '../../common/i18n/sv';
import { isTrustedSender } from '../services/ipc/senderCheck';
import type { Logger } from '../services/log/logger';
import { isDevicePermissionAllowed, isPermissionAllowed } from '../services/security/permissions';

export interface WindowOptions {
  preload: string;
  rendererUrl: string;
  log: Logger;
  /** The policy for our pages (buildCsp with the configured SIP servers), read on every response. */
  csp: () => string;
  icon?: string;
  /** The operator's language for the native headset chooser; Swedish when not given. */
  locale?: () => 'sv' | 'en';
}

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
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    const allowed = isPermissionAllowed(permission, details.requestingUrl, options.rendererUrl, mediaTypes);
    if (!allowed) options.log.warn('window.permission-denied', { permission });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    // file:// pages report the origin "file://"; check the full URL where Electron gives it.
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, options.rendererUrl),
  );
  ses.setDevicePermissionHandler((details) => isDevicePermissionAllowed(details.deviceType, details.device, details.origin, options.rendererUrl));
  // navigator.hid.requestDevice(): offer only headsets (telephony usage page); with several, the
  // operator picks one by name in a native dialog (common/desktop/hidChoice.ts decides).
  ses.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    const t = (options.locale?.() === 'en' ? en : sv).headset2.chooser;
    const ask = async (labels: string[]) => {
      const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const box = { type: 'question' as const, title: t.title, message: t.message, buttons: [...labels, t.cancel], cancelId: labels.length, defaultId: 0, noLink: true };
      const { response } = await (win ? dialog.showMessageBox(win, box) : dialog.showMessageBox(box));
      return response === labels.length ? -1 : response;
    };
    pickHeadset(headsetChoices(details.deviceList), ask)
      .then((deviceId) => callback(deviceId))
      .catch(() => {
        options.log.warn('window.hid-chooser-failed');
        callback(null);
      });
  });
  // The same CSP as the web host, as a response header on our own pages.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const ours = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!ours) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [options.csp()] } });
  });
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Växel',
    ...(options.icon ? { icon: options.icon } : {}),
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes exactly the IPC contract (preload/electron.ts), nothing of Node.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
      // Middle-click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
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
