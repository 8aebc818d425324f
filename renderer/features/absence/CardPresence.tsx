// The contact card's "Närvaro": busy lamp, coded absence with return time and note, the P-RETURN
// sentence ready to read ("… är tillbaka 13.00 — välkommen åter"), a warning when the absence is
// stale, its age when the server cannot be reached (last-known), and the operator's keys:
// Alt+F codes the absence (P-RECODE), Insert picks up a call ringing there (P-PICKUP).
import './absence.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { absenceText, ageText, returnSentence, staleReason, staleText } from '../../../common/presence';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { useConsole } from '../../console-context';
import { useNow } from '../useNow';
import { AbsenceDialog } from './AbsenceDialog';
import { usePresence, usePresenceEntry } from './hooks';
import { vaxel } from '../../platform/vaxel';
import { watchUnit } from './watched-units';

interface UnitRef {
  id: string;
  name: string;
}

export function CardPresence({ extension, name, unit }: { extension: string | undefined; name: string; unit?: UnitRef | undefined }) {
  const { t } = useTranslation();
  if (!extension) return <>{t('absence.noNumber')}</>;
  return <CardPresenceFor extension={extension} name={name} unit={unit} />;
}

function CardPresenceFor({ extension, name, unit }: { extension: string; name: string; unit: UnitRef | undefined }) {
  const { t } = useTranslation();
  const { softphone, actions, searchFocus } = useConsole();
  const manager = usePresence();
  const entry = usePresenceEntry(extension);
  const now = useNow(15000);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');

  useEffect(() => {
    manager.watch('card', [extension]);
    return () => manager.watch('card', []);
  }, [manager, extension]);
  useEffect(() => setNote(''), [extension]);

  const pickup = async () => {
    let ext = extension;
    let dialog = manager.store.get(ext).dialog;
    if (manager.store.get(ext).lamp !== 'ringing') {
      // not ringing here: the most recently ringing watched extension, if any
      const ringing = [...manager.store.all()].filter(([, e]) => e.lamp === 'ringing').sort((x, y) => y[1].lampAt - x[1].lampAt)[0];
      if (!ringing) {
        setNote(t('absence.noPickup'));
        return;
      }
      [ext, dialog] = [ringing[0], ringing[1].dialog];
    }
    // a caller on the PBX is called with Replaces; anyone else through the PBX's pick-up prefix
    const route = manager.pickupRoute(ext, dialog);
    if (route.kind === 'none') {
      setNote(t('absence.noPickup'));
      return;
    }
    if (route.kind === 'prefix') setNote(t('absence.pickupPrefix', { target: route.target }));
    const r = await softphone.pickup(ext, dialog, route.kind === 'prefix' ? route.target.slice(0, -ext.length) : '');
    setNote(r === 'ok' ? t('absence.pickedUp', { ext }) : t('absence.noPickup'));
  };

  const watchThisUnit = async () => {
    if (!unit) return;
    try {
      setNote(t('favourites.watching', { count: await watchUnit(vaxel(), manager, unit), name: unit.name }));
    } catch {
      setNote(t('favourites.watchFailed'));
    }
  };

  // The card's keys (card scope, keyboard/bindings.ts): they work from the search field.
  useKeyScope(
    'card',
    'card',
    {
      absence: () => (setOpen(true), true),
      pickup: () => (void pickup(), true),
      watchUnit: () => {
        if (!unit) return false;
        void watchThisUnit();
        return true;
      },
    },
    { active: !open },
  );

  const a = entry.absence;
  // the NOTIFY's own verdict first (raised the moment it arrived), then the clock's
  const stale = a ? (entry.stale ?? staleReason(a, Math.max(now, entry.absenceAt))) : null;
  return (
    <div className="card-presence" data-lamp={entry.lamp}>
      <p className={`lamp-line lamp-${entry.lamp}`}>
        <span className="lamp" aria-hidden="true" /> {t('lamp.label', { state: t(`lamp.${entry.lamp}`) })}
        {entry.lamp === 'ringing' && (
          <>
            {' '}
            <button type="button" aria-keyshortcuts={actions.keymap.pickup} onClick={() => void pickup()}>
              {t('absence.pickup')} <kbd aria-hidden="true">{actions.keymap.pickup}</kbd>
            </button>
          </>
        )}
      </p>
      <p className="absence-line" aria-label={t('absence.line')}>
        {a === undefined ? t('lamp.unknown') : a ? absenceText(a, now, t) : t('absence.available')}
        {a?.note && <span className="absence-note"> – {a.note}</span>}
      </p>
      {a && (
        <p className="return-sentence" aria-label={t('absence.say')}>
          {t('absence.say')}: ”{returnSentence(name, a, now)}”
        </p>
      )}
      {stale && (
        <p className="absence-stale" role="status">
          ⚠ {staleText(stale, t)}
        </p>
      )}
      {a !== undefined && !entry.absenceLive && entry.absenceAt > 0 && <p className="absence-age">{t('absence.lastKnown', { age: ageText(entry.absenceAt, now, t) })}</p>}
      <button type="button" aria-keyshortcuts={actions.keymap.absence} onClick={() => setOpen(true)}>
        {t('absence.codeIt')} <kbd aria-hidden="true">Alt+F</kbd>
      </button>
      {unit && (
        <button type="button" aria-keyshortcuts={actions.keymap.watchUnit} onClick={() => void watchThisUnit()}>
          {t('favourites.watch')} <kbd aria-hidden="true">{actions.keymap.watchUnit}</kbd>
        </button>
      )}
      <p className="absence-note-live" aria-live="polite">
        {note}
      </p>
      {open && (
        <AbsenceDialog
          name={name}
          current={a ?? null}
          returnFocus={searchFocus.focus}
          onClose={(result) => {
            setOpen(false);
            if (result) setNote(result);
          }}
          onSave={async (absence) => {
            const r = await manager.publishAbsence(extension, absence);
            if (r === 'ok') return t('absence.saved', { name, what: absence ? absenceText(absence, Date.now(), t) : t('absence.available') });
            return t(r === 'refused' ? 'absence.refused' : r === 'offline' ? 'absence.offline' : 'absence.failed');
          }}
        />
      )}
    </div>
  );
}
