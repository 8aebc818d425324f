// The type of window.vaxel, for the renderer to import as a type only
// (`import type { VaxelApi } from '../preload/api-types'`). Declared identically (readonly) to the
// renderer's own declaration so the two merge.
import type { VaxelApi } from '../common/ipc/contract';

export type { VaxelApi };

declare global {
  interface Window {
    readonly vaxel: VaxelApi;
  }
}
