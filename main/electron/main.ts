// Electron entry: lifecycle, one instance, the window, IPC. Everything with logic lives in
// main/services (createServices); this file only wires it to Electron.
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNEL_PREFIX } from '../../common/ipc/contract';
import { createServices } from '../services/app/createServices';
import { createLogger } from '../services/log/logger';
import { registerIpc } from './ipc';
import { createSecretCipher } from './safeStorageCipher';
import { electronStoreFactory } from './settingsStore';
import { createMainWindow, installPermissionHandlers, lockDownContents } from './window';

// Bundled as out/electron/main.js; the preload and renderer are its siblings in out/.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const preload = path.join(outDir, 'preload', 'electron.cjs');
const rendererUrl = pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;

// Tests and side-by-side installs point the data somewhere else; must happen before the lock.
if (process.env.VAXEL_DATA_DIR) app.setPath('userData', path.resolve(process.env.VAXEL_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    const dataDir = app.getPath('userData');
    // The platform's logs folder (%APPDATA%\\Växel\\logs, ~/.config/Växel/logs); VAXEL_DATA_DIR moves it too.
    const logsDir = process.env.VAXEL_DATA_DIR ? path.join(dataDir, 'logs') : app.getPath('logs');
    const log = createLogger({ file: path.join(logsDir, 'vaxel.log') });
    log.info('app.starting', { version: app.getVersion(), platform: process.platform });
    const services = createServices({
      host: 'electron',
      appName: 'Växel',
      appVersion: app.getVersion(),
      dataDir,
      cipher: createSecretCipher(dataDir, log),
      log,
      storeFactory: electronStoreFactory,
    });
    const windowOptions = { preload, rendererUrl, log };
    app.on('web-contents-created', (_event, contents) => lockDownContents(contents, windowOptions));
    installPermissionHandlers(windowOptions);
    registerIpc({ dispatch: services.dispatch, log, rendererUrl, window: () => mainWindow });
    services.events.on('settingsChanged', (payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(`${CHANNEL_PREFIX}settingsChanged`, payload);
    });
    services.events.on('directoryChanged', (payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(`${CHANNEL_PREFIX}directoryChanged`, payload);
    });
    // The cache was opened by createServices (search works offline at once); now the scheduled sync.
    services.directory.start();

    const open = () => {
      mainWindow = createMainWindow(windowOptions);
      mainWindow.on('closed', () => (mainWindow = undefined));
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => services.close());
  });
}
