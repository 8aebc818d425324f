// Loads the renderer's copy of the directory (common/directory/snapshot.ts) after first paint, part
// by part, each part decoded in its own task so no step holds the main thread for long: typing
// meanwhile is answered over IPC. The caller searches the result synchronously in the input event.
import type { VaxelApi } from '../../../common/ipc/contract';
import { decodeBase64Into, openSnapshot, type LocalDirectory } from '../../../common/directory/snapshot';

export interface LoadedDirectory extends LocalDirectory {
  generation: number;
}

/** Resolves in a later task, when the browser is idle if it can tell (never later than `timeout`). */
export function idle(timeout = 200): Promise<void> {
  return new Promise((resolve) => {
    const w = globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };
    if (typeof w.requestIdleCallback === 'function') w.requestIdleCallback(() => resolve(), { timeout });
    else setTimeout(resolve, 0);
  });
}

/**
 * Fetches and opens the snapshot; undefined when the host has none, it changed three times while
 * loading, or `cancelled()` turns true. Never throws.
 */
export async function loadLocalDirectory(api: VaxelApi, cancelled: () => boolean): Promise<LoadedDirectory | undefined> {
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const first = await api.directorySnapshot({ part: 0 });
      if (!first || cancelled()) return undefined;
      const bytes = new Uint8Array(first.bytes);
      let offset = 0;
      let part = first;
      let stale = false;
      for (;;) {
        // The next part is on its way while this one is decoded.
        const coming = part.part + 1 < part.parts ? api.directorySnapshot({ part: part.part + 1 }) : undefined;
        await idle();
        if (cancelled()) return undefined;
        offset += decodeBase64Into(part.data, bytes, offset);
        if (!coming) break;
        const next = await coming;
        if (cancelled()) return undefined;
        if (!next || next.generation !== first.generation) {
          stale = true; // the directory changed while loading: start over
          break;
        }
        part = next;
      }
      if (stale || offset !== bytes.length) continue;
      await idle();
      if (cancelled()) return undefined;
      const local = openSnapshot(bytes);
      return local ? { ...local, generation: first.generation } : undefined;
    }
  } catch {
    // An older host without the method, or a lost connection: keep searching over IPC.
  }
  return undefined;
}
