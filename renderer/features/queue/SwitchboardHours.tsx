// The switchboard's state per municipality above the queue, read from main (switchboardStatus) at
// each next change and every 60 s. A failed read keeps the last lines and is logged as a code.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwitchboardStatus } from '../../../common/switchboard/ipc';
import { reportLog, vaxel } from '../../platform/vaxel';
import { hoursLine, HOURS_REFRESH_MS, nextRefreshIn } from './switchboard-hours';

export function SwitchboardHours() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SwitchboardStatus | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const read = async () => {
      let delay = HOURS_REFRESH_MS;
      try {
        const next = await vaxel().switchboardStatus();
        if (stopped) return;
        setStatus(next);
        delay = nextRefreshIn(next.municipalities, Date.now());
      } catch {
        reportLog({ level: 'warn', code: 'switchboard.status-failed' });
      }
      if (!stopped) timer = setTimeout(() => void read(), delay);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (!status) return null;
  const now = Date.now();
  return (
    <ul className="switchboard-hours" aria-label={t('queue.hours.label')}>
      {status.municipalities.map((m) => (
        <li key={m.municipality}>{hoursLine(m, now, t)}</li>
      ))}
    </ul>
  );
}
