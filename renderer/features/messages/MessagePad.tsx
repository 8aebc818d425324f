// The message pad (D-MSGPAD): a dialog prefilled from the call; the operator types the message and
// sends. Keys: Shift+F8 opens it (1), Ctrl+Enter sends (2); Alt+R and Alt+B toggle "Ring tillbaka"
// (on by default: P-MAILBOX) and "Brådskande" (3). Esc closes without sending. The pad is the
// console's modal Dialog: its keys are the dialog scope's (keyboard/bindings.ts), asked before the
// call keys, and digits and Enter typed in it are text, not touch-tones or a dial.
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { formatSwedishTime, municipalityLabel } from '../../../common/messages/model';
import { useDirectoryCallerName } from '../directory/use-directory-caller-name';
import type { PadState } from './pad-store';
import { useTranslation } from 'react-i18next';

export interface MessagePadProps {
  pad: StoreApi<PadState>;
  send(input: { employee: string; callerName: string; text: string; callbackWanted: boolean; urgent: boolean }): Promise<boolean>;
  /** Where focus goes after the pad closes (the search field). */
  restoreFocus(): void;
}

export function MessagePad({ pad, send, restoreFocus }: MessagePadProps) {
  const { t } = useTranslation();
  const { open, prefill, id, result } = useStore(pad);
  const [employee, setEmployee] = useState('');
  const [text, setText] = useState('');
  const [callback, setCallback] = useState(true);
  const [urgent, setUrgent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const directoryName = useDirectoryCallerName(open && prefill?.callerNumber ? prefill.callerNumber : null);
  const callerName = prefill?.callerName || directoryName || '';

  // A new draft (new id): fresh fields.
  useEffect(() => {
    setText('');
    setCallback(true);
    setUrgent(false);
    setProblem(null);
  }, [id]);
  useEffect(() => {
    if (open) {
      setEmployee(prefill?.employee ?? '');
      textRef.current?.focus();
    }
  }, [open, prefill]);

  const state = useRef({ employee, text, callback, urgent, busy, callerName });
  state.current = { employee, text, callback, urgent, busy, callerName };

  const submit = async () => {
    const s = state.current;
    if (s.busy) return;
    if (!s.employee.trim()) {
      setProblem(t('messages.noTarget'));
      return;
    }
    setBusy(true);
    setProblem(null);
    const ok = await send({ employee: s.employee.trim(), callerName: s.callerName, text: s.text, callbackWanted: s.callback, urgent: s.urgent }).catch(() => false);
    setBusy(false);
    if (!ok) setProblem(t('messages.sendFailed')); // on success the pad closes and focus goes back (restoreFocus)
  };
  const submitRef = useRef(submit);
  submitRef.current = submit;

  const close = () => pad.getState().close();
  const padKeys = {
    'message.send': () => (void submitRef.current(), true),
    'message.callback': () => (setCallback((v) => !v), true),
    'message.urgent': () => (setUrgent((v) => !v), true),
  };

  if (!open) {
    return result === 'saved' ? (
      <p role="status" className="message-saved">
        {t('messages.saved')}
      </p>
    ) : null;
  }
  const number = prefill?.callerNumber ?? '';
  return (
    <Dialog owner="message" title={t('messages.dialog')} className="message-pad" onClose={close} keys={padKeys} returnFocus={restoreFocus}>
      <dl className="message-facts">
        <dt>{t('messages.from')}</dt>
        <dd>{callerName || t('messages.unknownCaller')}</dd>
        <dt>{t('messages.number')}</dt>
        <dd>{number || '–'}</dd>
        <dt>{t('messages.time')}</dt>
        <dd>{prefill ? formatSwedishTime(prefill.calledAt) : ''}</dd>
        <dt>{t('messages.municipality')}</dt>
        <dd>{municipalityLabel(prefill?.switchboardId ?? null, t)}</dd>
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {t('messages.to')}
          <input type="text" value={employee} onChange={(e) => setEmployee(e.target.value)} maxLength={200} />
        </label>
        <label>
          {t('messages.text')}
          <textarea ref={textRef} autoFocus value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} rows={4} />
        </label>
        <label>
          <input type="checkbox" checked={callback} onChange={(e) => setCallback(e.target.checked)} />
          {t('messages.callback')}
        </label>
        <label>
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
          {t('messages.urgent')}
        </label>
        <p className="hint">{t('messages.hint')}</p>
        {problem ? <p role="alert">{problem}</p> : null}
        <button type="submit" disabled={busy}>
          {t('messages.send')}
        </button>
        <button type="button" onClick={close}>
          {t('common.cancel')}
        </button>
      </form>
    </Dialog>
  );
}
