// "Välj headset": opens Chromium's HID chooser (telephony devices only), uses the chosen headset at
// once and saves it in the settings. Shows which headset is in use and whether it is plugged in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Settings } from '../../common/settings/schema';
import { reportLog, vaxel } from '../platform/vaxel';
import type { ConsoleHeadset } from './index';

export function HeadsetPicker({ headset, settings }: { headset: ConsoleHeadset; settings: Settings }) {
  const { t } = useTranslation();
  const status = useStore(headset.status);
  const [failed, setFailed] = useState(false);

  async function choose() {
    setFailed(false);
    try {
      const device = await headset.choose();
      if (device) await vaxel().saveSettings({ ...settings, headset: device });
    } catch {
      reportLog({ level: 'error', code: 'headset.choose-failed' });
      setFailed(true);
    }
  }

  const label = !status.chosen ? t('headset.none') : status.connected ? t('headset.chosen', { name: status.chosen.name }) : t('headset.notConnected', { name: status.chosen.name });
  return (
    <div className="headset">
      <span aria-live="polite">{status.supported ? label : t('headset.unsupported')}</span>
      {status.supported && (
        <button type="button" onClick={() => void choose()}>
          {t('headset.choose')}
        </button>
      )}
      {failed && <span role="alert">{t('headset.failed')}</span>}
    </div>
  );
}
