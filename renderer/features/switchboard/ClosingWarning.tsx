// The closing warning (P-AFTERHOURS): five minutes before a municipality's switchboard closes,
// with callers waiting in its queue, a role="alert" line says so, once per closing. It decides on
// main's clock (the status feed) every second and whenever the queue changes.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { clockText } from '../../../common/time/stockholm';
import { useConsole } from '../../console-context';
import { selectQueue } from '../../sip';
import { useNow } from '../useNow';
import { closingWarnings, waitingByMunicipality, type ClosingWarning as Warning } from './closing-warning';

export function ClosingWarning() {
  const { t } = useTranslation();
  const { stores, switchboard } = useConsole();
  const status = useStore(switchboard.store, (s) => s.status);
  const kinds = useStore(
    stores.calls,
    useShallow((s) => selectQueue(s).map((c) => c.greetingKind)),
  );
  const tick = useNow(1000);
  const warned = useRef(new Set<string>());
  const [shown, setShown] = useState<Warning[]>([]);

  useEffect(() => {
    if (!status) return;
    const fresh = closingWarnings(status.municipalities, waitingByMunicipality(kinds.map((greetingKind) => ({ greetingKind }))), switchboard.now(), warned.current);
    if (!fresh.length) return;
    for (const w of fresh) warned.current.add(w.key);
    setShown((s) => [...s.filter((o) => !fresh.some((f) => f.municipality === o.municipality)), ...fresh]);
  }, [status, kinds, tick, switchboard]);

  // a warning goes away once its closing has passed
  const now = switchboard.now();
  const live = shown.filter((w) => w.closesAt > now);
  return (
    <div className="closing-warning" role="alert">
      {live.map((w) => (
        <p key={w.key}>
          {t('switchboardSettings.warning.closing', { municipality: t(`switchboardSettings.${w.municipality}`), time: clockText(w.closesAt), count: w.waiting })}{' '}
          <button type="button" onClick={() => setShown((s) => s.filter((o) => o.key !== w.key))}>
            {t('switchboardSettings.warning.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
