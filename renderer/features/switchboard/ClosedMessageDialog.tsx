// "Stängningsmeddelande" (P-AFTERHOURS): per municipality the text callers hear while the
// switchboard is closed ("Återställ standardtext" goes back to the catalogue's, which follows the
// opening hours), or the path of a recorded WAV the admin provides. Saving goes through
// switchboardSaveClosedMessage: main checks the file, makes the audio anew and installs it in the
// PBX. The screen says whether the PBX plays the message at all and how the last install went.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { ClosedMessageView } from '../../../common/switchboard/ipc';
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import { dateTimeText } from '../../../common/time/stockholm';
import { useConsole } from '../../console-context';
import { reportLog, vaxel } from '../../platform/vaxel';
import { reasonOf, SettingsFrame, type FrameMessage } from './SettingsFrame';

const MAX_TEXT = 2000;

export function ClosedMessageDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { switchboard } = useConsole();
  const pbx = useStore(switchboard.store, (s) => s.status?.pbx ?? null);
  const [municipality, setMunicipality] = useState<HoursMunicipality>('essunga');
  const [view, setView] = useState<ClosedMessageView | null>(null);
  const [text, setText] = useState('');
  const [recording, setRecording] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FrameMessage | null>(null);

  useEffect(() => {
    let live = true;
    setView(null);
    vaxel()
      .switchboardGetClosedMessage({ municipality })
      .then((v) => {
        if (!live) return;
        setView(v);
        setText(v.text);
        setRecording(v.recordingFile ?? '');
      })
      .catch((error: unknown) => {
        reportLog({ level: 'warn', code: 'switchboard.message-load-failed' });
        if (live) setMessage({ kind: 'alert', text: t('switchboardSettings.loadFailed', { reason: reasonOf(error) }) });
      });
    return () => {
      live = false;
    };
  }, [municipality, t]);

  const save = async () => {
    if (!view || busy) return;
    if (text.length > MAX_TEXT) return setMessage({ kind: 'alert', text: t('switchboardSettings.closedMessage.tooLong') });
    setBusy(true);
    setMessage(null);
    try {
      const custom = text.trim() && text.trim() !== view.defaultText.trim() ? text.trim() : null;
      const saved = await vaxel().switchboardSaveClosedMessage({ municipality, text: custom, recordingFile: recording.trim() || null });
      setView(saved);
      setText(saved.text);
      setRecording(saved.recordingFile ?? '');
      setMessage({ kind: 'status', text: t('switchboardSettings.saved') });
      reportLog({ level: 'info', code: 'switchboard.message-saved', detail: { municipality, source: saved.recordingFile ? 'recording' : 'speech' } });
    } catch (error) {
      reportLog({ level: 'warn', code: 'switchboard.message-save-failed', detail: { municipality } });
      const hint = recording.trim() ? ` ${t('switchboardSettings.closedMessage.recordingFailed')}` : '';
      setMessage({ kind: 'alert', text: `${t('switchboardSettings.saveFailed', { reason: reasonOf(error) })}${hint}` });
    } finally {
      setBusy(false);
      void switchboard.refresh();
    }
  };

  const name = t(`switchboardSettings.${municipality}`);
  const prompts = pbx?.lastPrompts;
  const push = pbx?.lastPush;
  return (
    <SettingsFrame
      title={t('switchboardSettings.closedMessage.title')}
      className="closed-message-dialog"
      busy={busy}
      ready={view !== null}
      message={message}
      onSave={() => void save()}
      onClose={onClose}
    >
      <label>
        {t('switchboardSettings.municipality')}
        <select autoFocus value={municipality} onChange={(e) => setMunicipality(e.target.value as HoursMunicipality)}>
          <option value="essunga">{t('switchboardSettings.essunga')}</option>
          <option value="grastorp">{t('switchboardSettings.grastorp')}</option>
        </select>
      </label>
      <label className="closed-message-text">
        {t('switchboardSettings.closedMessage.text', { municipality: name })}
        <textarea rows={6} maxLength={MAX_TEXT} value={text} onChange={(e) => setText(e.target.value)} disabled={!view} />
      </label>
      <p className="hint">{view && text.trim() === view.defaultText.trim() ? t('switchboardSettings.closedMessage.default') : t('switchboardSettings.closedMessage.custom')}</p>
      <button type="button" onClick={() => view && setText(view.defaultText)} disabled={!view}>
        {t('switchboardSettings.closedMessage.reset')}
      </button>
      <label>
        {t('switchboardSettings.closedMessage.recording')}
        <input type="text" value={recording} onChange={(e) => setRecording(e.target.value)} disabled={!view} />
      </label>
      <p className="hint">{t('switchboardSettings.closedMessage.recordingHint')}</p>
      <div className="closed-message-pbx">
        <p>{pbx?.playsMessage ? t('switchboardSettings.closedMessage.pbxPlays') : t('switchboardSettings.closedMessage.pbxDisplayOnly')}</p>
        {prompts && (
          <p>
            {prompts.ok
              ? t('switchboardSettings.closedMessage.promptsOk', { time: dateTimeText(prompts.at) })
              : t('switchboardSettings.closedMessage.promptsFailed', { time: dateTimeText(prompts.at), error: prompts.error ?? '' })}
          </p>
        )}
        {push && !push.ok && <p>{t('switchboardSettings.closedMessage.pushFailed', { time: dateTimeText(push.at), error: push.error ?? '' })}</p>}
      </div>
    </SettingsFrame>
  );
}
