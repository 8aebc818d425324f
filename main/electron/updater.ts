// Updates from the internal server (issue 15 point 5): main/services/update decides (admin policy,
// feed, version, channel); electron-updater downloads and verifies the installer only when told to,
// and installs it when the console quits (never in the middle of a call).
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../services/log/logger';
import type { UpdatePolicy } from '../services/settings/adminFile';
import { checkForUpdate } from '../services/update/updateDecision';

export async function checkAndDownloadUpdate(policy: UpdatePolicy, log: Logger): Promise<void> {
  if (!app.isPackaged) return; // a development build has no installer to replace
  const decision = await checkForUpdate({ current: app.getVersion(), policy });
  if (decision.action === 'none') {
    log.info('update.none', { reason: decision.reason });
    return;
  }
  const { autoUpdater } = electronUpdater;
  autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl, channel: policy.channel });
  autoUpdater.allowPrerelease = policy.channel !== 'latest';
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => log.warn('update.failed', { error: error.name }));
  autoUpdater.on('update-downloaded', (info) => log.info('update.downloaded', { version: info.version }));
  log.info('update.available', { version: decision.version });
  await autoUpdater.checkForUpdates();
}
