// Parked calls (console-side park, slots 1-9): each is held with hold music and listed by slot;
// the slot's key (Control+n by default) takes it back.
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { selectParked } from '../../sip';
import { callerText } from '../queue/caller';
import type { ActionId } from '../../keyboard/keymap';

export function ParkPanel() {
  const { t } = useTranslation();
  const { stores, actions } = useConsole();
  const parked = useStore(stores.calls, useShallow(selectParked));
  return (
    <section className="panel park" aria-labelledby="park-heading">
      <h2 id="park-heading">{t('park.heading')}</h2>
      <ul aria-label={t('park.listLabel')}>
        {parked.map((call) => {
          const slot = call.parkSlot!;
          const key = actions.keymap[`retrieve${slot}` as ActionId];
          return (
            <li key={call.id}>
              <span>{t('park.slot', { slot, caller: callerText(call).number ?? t('queue.anonymous') })}</span>{' '}
              <button type="button" aria-keyshortcuts={key} onClick={() => void actions.retrieve(slot)}>
                {t('park.retrieve', { slot })} <kbd aria-hidden="true">{key}</kbd>
              </button>
            </li>
          );
        })}
      </ul>
      {parked.length === 0 && <p className="empty">{t('park.empty')}</p>}
    </section>
  );
}
