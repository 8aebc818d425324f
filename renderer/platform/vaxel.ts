// The renderer's only door to main: window.vaxel, defined by the Electron preload or the web
// host's bridge before this bundle runs. We never know which, and never need to.
import type { LogReport, VaxelApi } from '../../common/ipc/contract';

declare global {
  interface Window {
    readonly vaxel: VaxelApi;
  }
}

export function vaxel(): VaxelApi {
  return window.vaxel;
}

/** Reports to main's log. If even that fails, the console gets the code (never data). */
export function reportLog(entry: LogReport): void {
  vaxel()
    .reportLog(entry)
    .catch(() => console.error(`reportLog failed for ${entry.code}`));
}
