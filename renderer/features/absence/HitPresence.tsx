// A search result's busy lamp and absence ("Lunch till 13.00"): mounted in the result row, so only
// rendered (visible) rows subscribe; the manager keeps recently visible ones in a bounded LRU.
import { useEffect } from 'react';
import { absenceText, staleReason } from '../../../common/presence';
import { useNow } from '../useNow';
import { usePresence, usePresenceEntry } from './hooks';
import { useTranslation } from 'react-i18next';

export function HitPresence({ extension }: { extension: string }) {
  const { t } = useTranslation();
  const manager = usePresence();
  const entry = usePresenceEntry(extension);
  const now = useNow(30000);
  useEffect(() => manager.watchVisible([extension]), [manager, extension]);
  const a = entry.absence;
  return (
    <span className={`hit-presence lamp-${entry.lamp}`} data-lamp={entry.lamp}>
      {' '}
      <span className="lamp" aria-hidden="true" />
      <span className="visually-hidden">{t('lamp.label', { state: t(`lamp.${entry.lamp}`) })}</span>
      {a && (
        <span className={`hit-absence${staleReason(a, now) ? ' stale' : ''}`}>
          {' '}
          {absenceText(a, now, t)}
          {staleReason(a, now) && <span aria-label={t('absence.staleShort')}> ⚠</span>}
        </span>
      )}
    </span>
  );
}
