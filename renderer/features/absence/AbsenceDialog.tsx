// Code or clear someone's absence (P-RECODE) with as few keys as possible: the dialog opens on the
// reason list; a digit picks the reason (0 clears) and moves to "Tillbaka kl."; type the time
// ("13", "1300", "13.30"); Enter saves, Escape closes. Alt+F, digit, Enter = 4 keys plus the time.
// The console's modal Dialog: these are its dialog-scope keys (keyboard/bindings.ts, owner "absence").
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ABSENCE_CODES, absenceLabel, parseReturnTime, type Absence, type AbsenceCode } from '../../../common/presence';
import { Dialog } from '../../components/Dialog';

interface Props {
  name: string;
  current: Absence | null;
  onSave(absence: Absence | null): Promise<string>;
  onClose(result: string | null): void;
  /** Where focus goes after the dialog (the search field). */
  returnFocus?: () => void;
}

export function AbsenceDialog({ name, current, onSave, onClose, returnFocus }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState<AbsenceCode | null>(current?.code ?? 'sick');
  const [time, setTime] = useState('');
  const [note, setNote] = useState(current?.note ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const timeField = useRef<HTMLInputElement>(null);

  useEffect(() => list.current?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus(), []);

  const save = async () => {
    if (busy) return;
    const until = parseReturnTime(time);
    if (until === undefined) {
      setError(t('absence.badTime'));
      timeField.current?.focus();
      return;
    }
    setBusy(true);
    const result = await onSave(code ? { code, until, note: note.trim() } : null);
    setBusy(false);
    onClose(result);
  };

  const keys = {
    'absence.save': (e: { ctrlKey: boolean; altKey: boolean }) => {
      if (e.ctrlKey || e.altKey) return false;
      void save();
      return true;
    },
    // a digit on the reason list picks the reason and moves on to the time
    'absence.reason': (e: { key: string }) => {
      if (!list.current?.contains(document.activeElement)) return false;
      const d = Number(e.key);
      if (d > ABSENCE_CODES.length) return false;
      setCode(d === 0 ? null : ABSENCE_CODES[d - 1]!);
      timeField.current?.focus();
      return true;
    },
  };

  const options: { value: AbsenceCode | null; label: string; key: number }[] = [
    ...ABSENCE_CODES.map((c, i) => ({ value: c, label: absenceLabel(c, t), key: i + 1 })),
    { value: null, label: t('absence.clear'), key: 0 },
  ];
  return (
    <Dialog owner="absence" title={t('absence.dialog', { name })} headingLevel={3} className="absence-dialog" onClose={() => onClose(null)} keys={keys} returnFocus={returnFocus}>
      <div role="radiogroup" aria-label={t('absence.reason')} ref={list}>
        {options.map((o) => (
          <div
            key={o.key}
            role="radio"
            aria-checked={code === o.value}
            aria-keyshortcuts={String(o.key)}
            tabIndex={code === o.value ? 0 : -1}
            className="absence-option"
            onClick={() => setCode(o.value)}
          >
            <kbd aria-hidden="true">{o.key}</kbd> {o.label}
          </div>
        ))}
      </div>
      <label>
        {t('absence.returnAtLabel')} <input ref={timeField} value={time} inputMode="numeric" onChange={(e) => setTime(e.target.value)} disabled={code === null} />
      </label>
      <label>
        {t('absence.note')} <input value={note} onChange={(e) => setNote(e.target.value)} disabled={code === null} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={() => void save()} disabled={busy}>
        {t('common.save')} <kbd aria-hidden="true">Enter</kbd>
      </button>
      <button type="button" onClick={() => onClose(null)}>
        {t('common.cancel')} <kbd aria-hidden="true">Esc</kbd>
      </button>
    </Dialog>
  );
}
