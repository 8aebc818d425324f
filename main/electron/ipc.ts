// Registers one ipcMain.handle per contract method on `vaxel:<method>`. Before anything is parsed,
// the sender must be our window's main frame showing our renderer; anything else gets 'forbidden'.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, methodNames, type Envelope } from '../../common/ipc/contract';
import type { Dispatch } from '../services/ipc/dispatcher';
import { isTrustedSender } from '../services/ipc/senderCheck';
import type { Logger } from '../services/log/logger';

export interface IpcOptions {
  dispatch: Dispatch;
  log: Logger;
  /** The window whose main frame may call; undefined while none is open. */
  window: () => BrowserWindow | undefined;
  rendererUrl: string;
}

export function registerIpc(options: IpcOptions): () => void {
  const { log } = options;
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const win = options.window();
    const frame = event.senderFrame;
    if (!win || win.isDestroyed() || !frame) return false;
    return isTrustedSender({ isOurMainFrame: frame === win.webContents.mainFrame, url: frame.url }, options.rendererUrl);
  };
  for (const method of methodNames) {
    ipcMain.handle(CHANNEL_PREFIX + method, async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) {
        log.warn('ipc.forbidden', { method });
        return { ok: false, error: { code: 'forbidden', message: `${method} is not available to this sender` } };
      }
      return options.dispatch(method, input);
    });
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(CHANNEL_PREFIX + method);
  };
}
