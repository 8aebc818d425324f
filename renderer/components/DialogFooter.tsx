// The end of every editor dialog's form: the error line a screen reader announces (role="alert"),
// then Spara (submits the form) and Avbryt. One place, so every editor reads and behaves alike.
import { useTranslation } from 'react-i18next';

export function DialogFooter({ error, busy, onCancel }: { error: string | null | undefined; busy: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="alert" className="dialog-error">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
