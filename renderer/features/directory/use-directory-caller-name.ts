// The queue row's and message pad's caller name: the console's one caller-name cache
// (caller-name.ts) asked for a number, re-asked when the number changes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import type { CallerAnswer } from './caller-name';

/** The directory name for a caller's number, "Skyddad identitet" for a protected one, or null. */
export function useDirectoryCallerName(number: string | null | undefined): string | null {
  const { t } = useTranslation();
  const { callerNames } = useConsole();
  const [answer, setAnswer] = useState<CallerAnswer>(null);
  useEffect(() => {
    setAnswer(null);
    if (!number) return;
    let live = true;
    void callerNames.lookup(number).then((a) => live && setAnswer(a));
    return () => {
      live = false;
    };
  }, [number, callerNames]);
  if (!answer) return null;
  return answer.protectedIdentity ? t('card.protectedShort') : answer.name;
}
