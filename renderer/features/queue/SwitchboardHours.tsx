// The switchboard's state per municipality above the queue, from the console's switchboard feed
// (renderer/features/switchboard/status-store.ts: read at each next change, every 60 s and after
// every change made here), in main's clock: "Öppet, Stänger 16.30", "Stängt enligt schema, Öppnar
// 08.00 mån", "Stängt (nattkoppling)"; and a line when the PBX did not take the last push.
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { dateTimeText } from '../../../common/time/stockholm';
import { hoursLine } from './switchboard-hours';

export function SwitchboardHours() {
  const { t } = useTranslation();
  const { switchboard } = useConsole();
  const status = useStore(switchboard.store, (s) => s.status);
  if (!status) return null;
  const now = switchboard.now();
  const push = status.pbx.lastPush;
  return (
    <>
      <ul className="switchboard-hours" aria-label={t('queue.hours.label')}>
        {status.municipalities.map((m) => (
          <li key={m.municipality}>{hoursLine(m, now, t)}</li>
        ))}
      </ul>
      {/* the operator must know when the PBX does not do what these lines say */}
      {push && !push.ok && (
        <p role="alert" className="field-problem">
          {t('switchboardSettings.pushFailed', { time: dateTimeText(push.at), error: push.error ?? '' })}
        </p>
      )}
    </>
  );
}
