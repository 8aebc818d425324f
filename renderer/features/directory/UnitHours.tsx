// The card's "Öppettider": the weekly hours text, a current or coming override, and "Ändra
// öppettider" (Alt+O, card scope) opening the HoursDialog. Focus goes back to the search field.
import { useState } from 'react';
import type { Unit } from '../../../common/directory/model';
import { chordsOfBinding } from '../../keyboard/bindings';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { HoursDialog } from './HoursDialog';
import { useTranslation } from 'react-i18next';

/** The key as aria-keyshortcuts names it ("Alt+O"). */
export const EDIT_HOURS_KEY = chordsOfBinding('card.editHours')[0]!.replace(/\+([a-z])$/, (_, l: string) => `+${l.toUpperCase()}`);

export function UnitHours({ unit, hoursText, onDone }: { unit: Unit | undefined; hoursText: string; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useKeyScope('card', 'card', { 'card.editHours': () => (setOpen(true), true) }, { active: !!unit && !open });
  const o = unit?.hoursOverride;
  return (
    <>
      {hoursText}
      {o && <span className="hours-override">{'. ' + t('hours.overrideShown', { from: o.from, to: o.to, hours: o.open && o.close ? `${o.open}–${o.close}` : t('hours.closed') })}</span>}{' '}
      {unit && (
        <button type="button" className="hours-edit" aria-keyshortcuts={EDIT_HOURS_KEY} onClick={() => setOpen(true)}>
          {t('hours.edit')} <kbd aria-hidden="true">{EDIT_HOURS_KEY}</kbd>
        </button>
      )}
      {open && unit && <HoursDialog unit={unit} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}
