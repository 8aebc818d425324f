// Who is calling, from the directory: an incoming caller's number is looked up once (lookupNumber
// over IPC) and the name shown in the queue row. A protected identity is shown only as
// "Skyddad identitet" (P-SECRECY). Answers are cached per number until the next sync changes the
// cache; one cache per console (built in its composition root, console-stores.ts).
import type { VaxelApi } from '../../../common/ipc/contract';

export type CallerAnswer = { name: string; protectedIdentity: boolean } | null;

export interface CallerNames {
  lookup(raw: string): Promise<CallerAnswer>;
  dispose(): void;
}

export function createCallerNames(api: () => Pick<VaxelApi, 'directoryLookupNumber' | 'on'>): CallerNames {
  const cache = new Map<string, Promise<CallerAnswer>>();
  let off: (() => void) | null = null;
  return {
    lookup(raw) {
      off ??= api().on('directoryChanged', ({ cacheChanged }) => cacheChanged && cache.clear());
      let answer = cache.get(raw);
      if (!answer) {
        answer = Promise.resolve()
          .then(() => api().directoryLookupNumber({ raw }))
          .then((hits) => {
            const first = hits[0];
            // Two entries sharing a number (a reception and a person) is not one caller: show the first only when unique.
            if (!first || hits.length > 1) return null;
            return { name: first.card.name, protectedIdentity: first.card.warning === 'protected-identity' };
          })
          .catch(() => {
            cache.delete(raw);
            return null;
          });
        cache.set(raw, answer);
      }
      return answer;
    },
    dispose() {
      off?.();
      cache.clear();
    },
  };
}
