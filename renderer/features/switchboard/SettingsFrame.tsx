// The frame of the switchboard's settings screens (opening hours, closed message, referral texts):
// the console's modal Dialog around a form, with "Spara" and "Avbryt" at the end. Control+Enter
// saves from any field; Escape cancels; focus goes back to the search field. What went wrong is
// said in a role="alert" line, what went well in a role="status" line.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useConsole } from '../../console-context';

export interface FrameMessage {
  readonly kind: 'alert' | 'status';
  readonly text: string;
}

/** busy: a save is under way; ready: false while the screen's data is still being read. */
export function SettingsFrame(props: { title: string; className: string; busy: boolean; ready: boolean; message: FrameMessage | null; onSave(): void; onClose(): void; children: ReactNode }) {
  const { t } = useTranslation();
  const { searchFocus } = useConsole();
  return (
    <Dialog
      owner="switchboard-settings"
      title={props.title}
      className={`switchboard-settings ${props.className}`}
      onClose={props.onClose}
      returnFocus={searchFocus.focus}
      keys={{
        'switchboard.save': () => {
          if (props.ready && !props.busy) props.onSave();
          return true;
        },
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (props.ready && !props.busy) props.onSave();
        }}
      >
        {props.children}
        <p role="alert" className="switchboard-settings-alert">
          {props.message?.kind === 'alert' ? props.message.text : ''}
        </p>
        <p role="status" className="switchboard-settings-status">
          {props.busy ? t('switchboardSettings.saving') : props.message?.kind === 'status' ? props.message.text : ''}
        </p>
        <div className="switchboard-settings-buttons">
          <button type="submit" disabled={props.busy || !props.ready}>
            {t('switchboardSettings.save')}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('switchboardSettings.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);
