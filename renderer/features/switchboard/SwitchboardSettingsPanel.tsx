// "Växelinställningar": where the switchboard's settings screens are opened from in the console
// (opening hours also by Control+F11, night service by Shift+F11).
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { openSwitchboardScreen, type SwitchboardScreen } from './ui-store';

export function SwitchboardSettingsPanel() {
  const { t } = useTranslation();
  const { switchboardUi, actions, stores } = useConsole();
  const open = (screen: SwitchboardScreen) => openSwitchboardScreen(switchboardUi, stores.calls, screen);
  return (
    <section className="panel switchboard-settings-panel" aria-labelledby="switchboard-settings-heading">
      <h2 id="switchboard-settings-heading">{t('switchboardSettings.panel')}</h2>
      <button type="button" aria-keyshortcuts={actions.keymap.switchboardHours} onClick={() => open('hours')}>
        {t('switchboardSettings.openHours')} <kbd aria-hidden="true">{actions.keymap.switchboardHours}</kbd>
      </button>
      <button type="button" onClick={() => open('closed-message')}>
        {t('switchboardSettings.openClosedMessage')}
      </button>
      <button type="button" onClick={() => open('referrals')}>
        {t('switchboardSettings.openReferrals')}
      </button>
      <button type="button" aria-keyshortcuts={actions.keymap.nightService} onClick={() => open('night-service')}>
        {t('switchboardSettings.openNightService')} <kbd aria-hidden="true">{actions.keymap.nightService}</kbd>
      </button>
    </section>
  );
}
