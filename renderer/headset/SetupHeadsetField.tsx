// The setup screen's "Välj headset": picks a telephony HID device for the settings being entered.
// Nothing is opened here; the console attaches the headset when it starts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadsetDevice } from '../../common/headset/settings';
import { reportLog } from '../platform/vaxel';
import { chooseHeadset } from './manager';

export function SetupHeadsetField({ value, onChange }: { value: HeadsetDevice | null; onChange: (device: HeadsetDevice | null) => void }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const hid = typeof navigator !== 'undefined' ? navigator.hid : undefined;
  if (!hid) return <p className="hint">{t('headset.unsupported')}</p>;

  async function choose() {
    setFailed(false);
    try {
      const picked = await chooseHeadset(hid!);
      if (picked) onChange({ ...picked, flash: 'hold', redial: 'none' });
    } catch {
      reportLog({ level: 'error', code: 'headset.choose-failed' });
      setFailed(true);
    }
  }

  return (
    <div className="field">
      <span aria-live="polite">{value ? t('headset.chosen', { name: value.name }) : t('headset.none')}</span>
      <button type="button" onClick={() => void choose()}>
        {t('headset.choose')}
      </button>
      {failed && <span role="alert">{t('headset.failed')}</span>}
    </div>
  );
}
