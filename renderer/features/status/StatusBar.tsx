// Registration, network and clock. Registration and network are a polite live region (role
// status) so changes are announced; the clock inside is aria-live="off" so it does not chatter.
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';
import { useNow } from '../useNow';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const { stores, network } = useConsole();
  const registration = useStore(stores.registration, (s) => s.state);
  const online = useStore(network, (s) => s.online);
  const now = useNow();
  const time = new Date(now).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <footer className="status-bar" role="status" aria-label={t('status.regionLabel')}>
      <span className={`registration registration-${registration}`}>{t(`status.registration.${registration}`)}</span>
      <span className={online ? 'network online' : 'network offline'}>{online ? t('status.online') : t('status.offline')}</span>
      <time className="clock" aria-live="off" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
    </footer>
  );
}
