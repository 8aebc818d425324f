// Electron entry: lifecycle, one instance, the window, IPC, the desktop glue. Everything with logic
// lives in main/services and common (createServices, common/desktop); this file only wires it.
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dialLinkFromArgv, parseDialLink } from '../../common/desktop/dialLink';
import { CHANNEL_PREFIX, eventNames } from '../../common/ipc/contract';
import { createServices } from '../services/app/createServices';
import { createLogger } from '../services/log/logger';
import { buildCsp, sipServerOrigins } from '../services/security/csp';
import { adminFilePath, loadAdminConfig } from '../services/settings/adminFile';
import { registerProtocols, startDesktop, type Desktop } from './desktop';
import { registerIpc } from './ipc';
import { createSecretCipher } from './safeStorageCipher';
import { electronStoreFactory } from './settingsStore';
import { checkAndDownloadUpdate } from './updater';
import { createMainWindow, installPermissionHandlers, lockDownContents } from './window';

// Bundled as out/electron/main.js; the preload and renderer are its siblings in out/, assets/ beside out/.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preload = path.join(outDir, 'preload', 'electron.cjs');
const rendererUrl = pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;
const assetsDir = path.join(outDir, '..', 'assets');

// Tests and side-by-side installs point the data somewhere else; must happen before the lock.
if (process.env.VAXEL_DATA_DIR) app.setPath('userData', path.resolve(process.env.VAXEL_DATA_DIR));

if (!app.requestSingleInstanceLock({ argv: process.argv })) {
  // The running console gets our command line (a tel:/sip: link) through 'second-instance'.
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let desktop: Desktop | undefined;
  let open: () => void = () => undefined;
  const showWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      open();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  // A link that arrives before the app is ready waits for the desktop glue.
  let earlyLink = dialLinkFromArgv(process.argv.slice(1));
  app.on('second-instance', (_event, argv, _cwd, data) => {
    const forwarded = (data as { argv?: unknown } | undefined)?.argv;
    const link = dialLinkFromArgv(Array.isArray(forwarded) ? forwarded.map(String) : argv);
    if (link && desktop) desktop.dial(link);
    else showWindow();
  });
  // macOS hands links to the running app as open-url.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = parseDialLink(url);
    if (!link) return;
    if (desktop) desktop.dial(link);
    else earlyLink = link;
  });

  void app.whenReady().then(() => {
    const dataDir = app.getPath('userData');
    // The platform's logs folder (%APPDATA%\Växel\logs, ~/.config/Växel/logs); VAXEL_DATA_DIR moves it too.
    const logsDir = process.env.VAXEL_DATA_DIR ? path.join(dataDir, 'logs') : app.getPath('logs');
    const log = createLogger({ file: path.join(logsDir, 'vaxel.log') });
    log.info('app.starting', { version: app.getVersion(), platform: process.platform });
    const admin = loadAdminConfig(adminFilePath(), log);
    const services = createServices({
      host: 'electron',
      appName: 'Växel',
      appVersion: app.getVersion(),
      dataDir,
      cipher: createSecretCipher(dataDir, log),
      log,
      storeFactory: electronStoreFactory,
      admin,
      onDesktopState: (state) => {
        desktop?.update(state);
        desktop?.rendererReady();
      },
    });
    const csp = () => buildCsp({ connect: sipServerOrigins(services.settings.get()) });
    const locale = () => {
      const state = services.settings.get();
      return state.status === 'ok' ? state.settings.locale : 'sv';
    };
    const windowOptions = { preload, rendererUrl, log, csp, locale, icon: path.join(assetsDir, 'icon.png') };
    app.on('web-contents-created', (_event, contents) => lockDownContents(contents, windowOptions));
    installPermissionHandlers(windowOptions);
    registerIpc({ dispatch: services.dispatch, log, rendererUrl, window: () => mainWindow });
    const forward = (channel: string, payload: unknown) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(`${CHANNEL_PREFIX}${channel}`, payload);
    };
    // Every contract event reaches the window (team status and conflicts too, not only settings and directory).
    for (const name of eventNames) services.events.on(name, (payload) => forward(name, payload));
    services.events.on('settingsChanged', (payload) => desktop?.applySettings(payload));
    // The cache was opened by createServices (search works offline at once); now the scheduled sync.
    services.directory.start();

    open = () => {
      mainWindow = createMainWindow(windowOptions);
      mainWindow.on('closed', () => (mainWindow = undefined));
    };
    open();
    desktop = startDesktop({ log, assetsDir, window: () => mainWindow, showWindow });
    desktop.applySettings(services.settings.get());
    // The Electron tier (test/electron) reads the tray and notifications back through this; off otherwise.
    if (process.env.VAXEL_E2E_PROBE === '1') Object.assign(globalThis, { vaxelDesktopProbe: () => desktop?.probe() });
    registerProtocols(log);
    if (earlyLink) desktop.dial(earlyLink);
    void checkAndDownloadUpdate(admin.updates, log).catch((error: unknown) => log.warn('update.failed', { error: error instanceof Error ? error.name : 'unknown' }));

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => {
      desktop?.dispose();
      services.close();
    });
  });
}
