// Who is calling, from the directory: an incoming caller's number is looked up once (lookupNumber
// over IPC) and the name shown in the queue row. A protected identity is shown only as
// "Skyddad identitet" (P-SECRECY). Answers are cached per number until the next sync changes the cache.
import { useEffect, useState } from 'react';
import { vaxel } from '../../platform/vaxel';
import { useTranslation } from 'react-i18next';

type Answer = { name: string; protectedIdentity: boolean } | null;

const cache = new Map<string, Promise<Answer>>();
let subscribed = false;

function lookup(raw: string): Promise<Answer> {
  if (!subscribed) {
    subscribed = true;
    vaxel().on('directoryChanged', ({ cacheChanged }) => cacheChanged && cache.clear());
  }
  let answer = cache.get(raw);
  if (!answer) {
    answer = Promise.resolve()
      .then(() => vaxel().directoryLookupNumber({ raw }))
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
}

/** The directory name for a caller's number, "Skyddad identitet" for a protected one, or null. */
export function useDirectoryCallerName(number: string | null | undefined): string | null {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<Answer>(null);
  useEffect(() => {
    setAnswer(null);
    if (!number) return;
    let live = true;
    void lookup(number).then((a) => live && setAnswer(a));
    return () => {
      live = false;
    };
  }, [number]);
  if (!answer) return null;
  return answer.protectedIdentity ? t('card.protectedShort') : answer.name;
}
