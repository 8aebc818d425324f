// Electron's sandboxed preload: exposes exactly the contract as window.vaxel and nothing else.
// Calls go to ipcMain.handle on `vaxel:<method>`; main checks the sender before dispatching.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, type Envelope } from '../common/ipc/contract';
import { createApi, type Transport } from './createApi';

const transport: Transport = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNEL_PREFIX + method, input) as Promise<Envelope<unknown>>,
  subscribe(event, listener) {
    // Only the payload crosses: the IpcRendererEvent (with its sender) never reaches the page.
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(CHANNEL_PREFIX + event, handler);
    return () => void ipcRenderer.removeListener(CHANNEL_PREFIX + event, handler);
  },
};

contextBridge.exposeInMainWorld('vaxel', createApi(transport));
