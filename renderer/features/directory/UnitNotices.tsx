// The contact card's editors for what managers tell the switchboard about their unit (P-CHANGES):
// notices ("Nytt meddelande till enheten", Alt+N; each with "Ta bort") and opening hours ("Ändra
// öppettider", Alt+O: weekday rows and a temporary override). Main records who entered them from
// its own settings and announces the change with `directoryChanged`, so every card refreshes.
// Focus goes back to the search field after every action. Notice texts are never logged.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Notice, OpeningHours, Unit } from '../../../common/directory/model';
import { NOTICE_MAX_CHARS } from '../../../common/directory/notices';
import { dateTimeText } from '../../../common/time/stockholm';
import { vaxel } from '../../platform/vaxel';
import { useNoticeTexts, type NoticeTexts } from './notice-texts';

export const NEW_NOTICE_KEY = 'Alt+N';
export const EDIT_HOURS_KEY = 'Alt+O';

// ---- keys ----------------------------------------------------------------------------------
// One window capture listener, installed when this module loads (before the console's global call
// keys): while an editor is open its keys stay in it (Enter must not dial the searched person),
// except function keys, which keep answering and hanging up calls.
type KeyHandler = (e: KeyboardEvent) => 'handled' | 'contained' | false;
const keyHandlers: KeyHandler[] = [];
if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    (e) => {
      for (let i = keyHandlers.length - 1; i >= 0; i--) {
        const r = keyHandlers[i]!(e);
        if (!r) continue;
        if (r === 'handled') e.preventDefault();
        e.stopImmediatePropagation();
        return;
      }
    },
    { capture: true },
  );
}
function useEarlyKey(handler: KeyHandler, active = true) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!active) return;
    const h: KeyHandler = (e) => ref.current(e);
    keyHandlers.push(h);
    return () => {
      const i = keyHandlers.indexOf(h);
      if (i >= 0) keyHandlers.splice(i, 1);
    };
  }, [active]);
}
/** Calls onDone once the editor has closed and its dialog has left the page (a modal's page is inert). */
function useOpen(onDone: () => void) {
  const [open, setOpen] = useState(false);
  const wasOpen = useRef(false);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (wasOpen.current && !open) done.current();
    wasOpen.current = open;
  }, [open]);
  return [open, setOpen] as const;
}
const isChord = (e: KeyboardEvent, letter: string) =>
  e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === `Key${letter.toUpperCase()}` || e.key.toLowerCase() === letter);

// ---- a modal dialog --------------------------------------------------------------------------
function Modal(props: { label: string; onCancel(): void; onSubmit(): void; children: ReactNode; className: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLElement>('textarea, input')?.focus();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  useEarlyKey((e) => {
    const d = ref.current;
    if (!d || !(e.target instanceof Node) || !d.contains(e.target)) return false;
    if (e.key === 'Escape') {
      props.onCancel();
      return 'handled';
    }
    const onButton = e.target instanceof HTMLButtonElement;
    const inText = e.target instanceof HTMLTextAreaElement;
    if (e.key === 'Enter' && !e.altKey && !onButton && (!inText || e.ctrlKey)) {
      props.onSubmit();
      return 'handled';
    }
    return /^F\d{1,2}$/.test(e.key) ? false : 'contained';
  });
  return (
    <dialog ref={ref} aria-label={props.label} className={props.className} onCancel={(e) => (e.preventDefault(), props.onCancel())}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <h3>{props.label}</h3>
        {props.children}
      </form>
    </dialog>
  );
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---- notices ---------------------------------------------------------------------------------
function NoticeDialog({ unitId, t, onClose }: { unitId: string; t: NoticeTexts; onClose(): void }) {
  const [text, setText] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (busy) return;
    if (!text.trim()) return setError(t.emptyText);
    setBusy(true);
    try {
      await vaxel().directoryAddNotice({ unitId, text: text.trim(), ...(until ? { validTo: new Date(until).toISOString() } : {}) });
      onClose();
    } catch (e) {
      setError(t.failed(message(e)));
      setBusy(false);
    }
  };
  return (
    <Modal label={t.noticeDialog} className="notice-dialog" onCancel={onClose} onSubmit={() => void save()}>
      <label>
        {t.text}
        <textarea value={text} maxLength={NOTICE_MAX_CHARS} rows={4} onChange={(e) => setText(e.target.value)} aria-invalid={!!error || undefined} />
      </label>
      <label>
        {t.validTo}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} aria-describedby="notice-until-hint" />
      </label>
      <p id="notice-until-hint" className="hint">
        {t.validToHint}
      </p>
      <p role="alert" className="dialog-error">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t.save}
        </button>
        <button type="button" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
    </Modal>
  );
}

const when = (iso: string) => dateTimeText(Date.parse(iso));

/** The card's "Meddelanden från enheten": active notices of the unit and its förvaltning. */
export function UnitNoticeList({ notices, unitId, emptyText, onDone }: { notices: Notice[]; unitId: string | undefined; emptyText: string; onDone(): void }) {
  const t = useNoticeTexts();
  const [open, setOpen] = useOpen(onDone);
  const [error, setError] = useState('');
  useEarlyKey((e) => {
    if (!unitId || open || !isChord(e, 'n')) return false;
    setOpen(true);
    return 'handled';
  });
  const close = () => setOpen(false);
  const remove = async (id: string) => {
    try {
      await vaxel().directoryRemoveNotice({ id });
      setError('');
    } catch (e) {
      setError(t.failed(message(e)));
    }
    onDone();
  };
  return (
    <>
      {notices.length ? (
        <ul className="notices">
          {notices.map((n) => (
            <li key={n.id}>
              <span className="notice-text">{n.text}</span>
              {(n.validTo || n.enteredBy) && (
                <span className="notice-meta">
                  {' '}
                  ({[n.validTo ? t.until(when(n.validTo)) : '', n.enteredBy && n.enteredAt ? t.enteredBy(n.enteredBy, when(n.enteredAt)) : ''].filter(Boolean).join(', ')})
                </span>
              )}{' '}
              {n.enteredBy && (
                <button type="button" className="notice-remove" onClick={() => void remove(n.id)}>
                  {t.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        emptyText
      )}{' '}
      {unitId && (
        <button type="button" className="notice-new" aria-keyshortcuts={NEW_NOTICE_KEY} onClick={() => setOpen(true)}>
          {t.newNotice} <kbd aria-hidden="true">Alt+N</kbd>
        </button>
      )}
      {error && (
        <span role="alert" className="dialog-error">
          {error}
        </span>
      )}
      {open && unitId && <NoticeDialog unitId={unitId} t={t} onClose={close} />}
    </>
  );
}

// ---- opening hours ---------------------------------------------------------------------------
type Row = { open: string; close: string };
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function rowsOf(hours: OpeningHours[]): Row[] {
  const rows: Row[] = DAYS.map(() => ({ open: '', close: '' }));
  for (const h of hours) for (const d of h.days) rows[d - 1] = { open: h.open, close: h.close };
  return rows;
}
/** Days with the same times become one entry (shown as "mån–fre 08:00–16:30"). */
function hoursOf(rows: Row[]): OpeningHours[] | null {
  const out: OpeningHours[] = [];
  for (const d of DAYS) {
    const r = rows[d - 1]!;
    if (!r.open && !r.close) continue;
    if (!r.open || !r.close || r.close <= r.open) return null;
    const same = out.find((h) => h.open === r.open && h.close === r.close);
    if (same) same.days.push(d);
    else out.push({ days: [d], open: r.open, close: r.close });
  }
  return out;
}

function HoursDialog({ unit, t, onClose }: { unit: Unit; t: NoticeTexts; onClose(): void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(unit.openingHours));
  const o = unit.hoursOverride;
  const [from, setFrom] = useState(o?.from ?? '');
  const [to, setTo] = useState(o?.to ?? '');
  const [oOpen, setOOpen] = useState(o?.open ?? '');
  const [oClose, setOClose] = useState(o?.close ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const setRow = (i: number, field: keyof Row, value: string) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const save = async () => {
    if (busy) return;
    const weekly = hoursOf(rows);
    if (!weekly) return setError(t.badTime);
    let override = null;
    if (from || to) {
      if (!from || !to || to < from) return setError(t.badRange);
      if (!!oOpen !== !!oClose || (oOpen && oClose <= oOpen)) return setError(t.badTime);
      override = { from, to, ...(oOpen ? { open: oOpen, close: oClose } : {}) };
    }
    setBusy(true);
    try {
      await vaxel().directorySetOpeningHours({ unitId: unit.id, weekly, override });
      onClose();
    } catch (e) {
      setError(t.failed(message(e)));
      setBusy(false);
    }
  };
  return (
    <Modal label={t.hoursDialog} className="hours-dialog" onCancel={onClose} onSubmit={() => void save()}>
      <table>
        <caption>{t.weekly}</caption>
        <tbody>
          {DAYS.map((d, i) => (
            <tr key={d}>
              <th scope="row">{t.weekdays[d]}</th>
              <td>
                <input type="time" aria-label={t.opens(t.weekdays[d]!)} value={rows[i]!.open} onChange={(e) => setRow(i, 'open', e.target.value)} />
              </td>
              <td>
                <input type="time" aria-label={t.closes(t.weekdays[d]!)} value={rows[i]!.close} onChange={(e) => setRow(i, 'close', e.target.value)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t.closedHint}</p>
      <fieldset>
        <legend>{t.override}</legend>
        <label>
          {t.overrideFrom}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t.overrideTo}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t.overrideOpens}
          <input type="time" value={oOpen} onChange={(e) => setOOpen(e.target.value)} />
        </label>
        <label>
          {t.overrideCloses}
          <input type="time" value={oClose} onChange={(e) => setOClose(e.target.value)} />
        </label>
        <p className="hint">{t.overrideHint}</p>
      </fieldset>
      <p role="alert" className="dialog-error">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t.save}
        </button>
        <button type="button" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
    </Modal>
  );
}

/** The card's "Öppettider": the weekly hours text, a current or coming override, and the editor. */
export function UnitHours({ unit, hoursText, onDone }: { unit: Unit | undefined; hoursText: string; onDone(): void }) {
  const t = useNoticeTexts();
  const [open, setOpen] = useOpen(onDone);
  useEarlyKey((e) => {
    if (!unit || open || !isChord(e, 'o')) return false;
    setOpen(true);
    return 'handled';
  });
  const o = unit?.hoursOverride;
  return (
    <>
      {hoursText}
      {o && <span className="hours-override">{'. ' + t.overrideShown(o.from, o.to, o.open && o.close ? `${o.open}–${o.close}` : t.closed)}</span>}{' '}
      {unit && (
        <button type="button" className="hours-edit" aria-keyshortcuts={EDIT_HOURS_KEY} onClick={() => setOpen(true)}>
          {t.editHours} <kbd aria-hidden="true">Alt+O</kbd>
        </button>
      )}
      {open && unit && (
        <HoursDialog
          unit={unit}
          t={t}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
