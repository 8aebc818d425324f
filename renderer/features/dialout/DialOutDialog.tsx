// "Koppla ut" (P-DIALOUT): the operator types the number as the caller says it and sees it
// normalised with country and line type; a barred range warns or blocks (role=alert). Enter calls
// through the PBX's trunk with the caller held; once the outside party answers the operator
// announces, F6 ("Koppla") connects them like an announced transfer, Escape ("Tillbaka") returns
// to the caller. The dialog closes itself when the outside leg is gone (connected, back, refused).
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { dialoutSettings, type DialoutSettingsInput } from '../../../common/dialout/schema';
import { Dialog } from '../../components/Dialog';
import { useConsole } from '../../console-context';
import { selectActiveCall, CallState } from '../../sip';
import { dialOutView, type DialOutLine } from './view';

export function DialOutDialog({ settings }: { settings: DialoutSettingsInput | undefined }) {
  const { actions } = useConsole();
  const open = useStore(actions.ui, (s) => s.dialOut);
  if (!open) return null;
  return <DialOutForm settings={settings} />;
}

function DialOutForm({ settings }: { settings: DialoutSettingsInput | undefined }) {
  const { t, i18n } = useTranslation();
  const { actions, stores, searchFocus } = useConsole();
  const [text, setText] = useState('');
  // null: not placed yet; else whether a caller was on the line when Enter placed it
  const [placedFor, setPlacedFor] = useState<'caller' | 'alone' | null>(null);
  const placing = useRef(false);
  const placed = placedFor !== null;
  const inputRef = useRef<HTMLInputElement>(null);
  const connectRef = useRef<HTMLButtonElement>(null);
  const active = useStore(stores.calls, selectActiveCall);
  const consult = active?.consultFor ? active : null;
  const withCaller = placed ? placedFor === 'caller' : !!active && !active.consultFor;
  const inForce = dialoutSettings(settings);
  const view = dialOutView(text, inForce, i18n.language);
  // The view's keys are built from data (line type, category): look them up untyped, values too.
  const tr = t as unknown as (key: string, values?: Record<string, string>) => string;
  const say = (line: DialOutLine) => tr(line.key, Object.fromEntries(Object.entries(line.values ?? {}).map(([k, v]) => [k, v.startsWith('dialout.') ? tr(v) : v])));

  useEffect(() => inputRef.current?.focus(), []);
  // Once placed, the dialog follows the outside leg: answered -> focus "Koppla"; gone -> close.
  useEffect(() => {
    if (!placedFor) return;
    if (placedFor === 'alone' || !consult) actions.closeDialOut();
    else if (consult.state === CallState.Talking) connectRef.current?.focus();
  }, [placedFor, consult, actions]);

  const call = async () => {
    if (placed || placing.current || !view.plan) return;
    placing.current = true; // a second Enter while the first is under way places nothing
    const withCallerNow = actions.hasCaller();
    const result = await actions.dialOut(view.plan);
    placing.current = false;
    if (result === 'ok') setPlacedFor(withCallerNow ? 'caller' : 'alone');
  };
  const close = () => {
    if (placed && consult) void actions.cancel(); // Tillbaka: the outside leg ends, the caller is back
    actions.closeDialOut();
  };
  const problemId = 'dialout-problem';
  return (
    <Dialog
      owner="dialout"
      title={t('dialout.title')}
      className="dialout"
      onClose={close}
      returnFocus={searchFocus.focus}
      keys={{
        'dialout.call': (e) => {
          if (e.target instanceof HTMLButtonElement) return false; // Enter on a button presses it
          void call();
          return true;
        },
      }}
    >
      <p>{t(withCaller ? 'dialout.withCaller' : 'dialout.noCaller')}</p>
      <label htmlFor="dialout-number">{t('dialout.numberLabel')}</label>
      <input
        id="dialout-number"
        ref={inputRef}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={text}
        readOnly={placed}
        aria-describedby={`dialout-hint ${problemId}`}
        aria-invalid={view.number.kind === 'invalid' || (view.number.kind === 'number' && !view.plan)}
        onChange={(e) => setText(e.target.value)}
      />
      <p id="dialout-hint" className="hint">
        {t('dialout.hint')}
      </p>
      <ul className="dialout-facts" aria-label={t('dialout.facts')} aria-live="polite">
        {view.facts.map((line) => (
          <li key={line.key}>{say(line)}</li>
        ))}
      </ul>
      <div id={problemId}>{view.problem && (view.problem.alert ? <p role="alert">{say(view.problem)}</p> : <p className="hint">{say(view.problem)}</p>)}</div>
      {!placed && (
        <button type="button" disabled={!view.plan} onClick={() => void call()}>
          {t('dialout.call')}
        </button>
      )}
      {placed && consult && (
        <>
          <p role="status">{t(consult.state === CallState.Talking ? 'dialout.answered' : 'dialout.calling', { number: view.plan?.label ?? text })}</p>
          <button type="button" ref={connectRef} aria-keyshortcuts="F6" onClick={() => void actions.complete()}>
            {t('dialout.connect')}
          </button>
          <button type="button" aria-keyshortcuts="Escape" onClick={close}>
            {t('dialout.back')}
          </button>
        </>
      )}
      {!placed && (
        <button type="button" onClick={close}>
          {t('dialout.close')}
        </button>
      )}
    </Dialog>
  );
}
