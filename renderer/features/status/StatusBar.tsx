// Registration, connection and clock. Registration and network are a polite live region (role
// status) so changes are announced; the clock inside is aria-live="off" so it does not chatter.
// "Nätverk" is the connection to the SIP server (the WebSocket transport, kept honest by the
// keep-alive), not navigator.onLine: that says nothing about the PBX, and is false in a
// loopback-only network. A call ended by a dropped connection is an alert until the next call.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { TIME_ZONE } from '../../../common/time/stockholm';
import { useConsole } from '../../console-context';
import { registrationLabel, selectActiveCall, selectConnected } from '../../sip';
import { useNow } from '../useNow';
import { TeamStatusLine } from '../team/TeamStatusLine';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const { stores } = useConsole();
  const registration = useStore(stores.registration, registrationLabel);
  const connected = useStore(stores.registration, selectConnected);
  const callLostAt = useStore(stores.registration, (s) => s.callLostAt);
  const answeredAt = useStore(stores.calls, (s) => selectActiveCall(s)?.answeredAt ?? 0);
  // The alert stays until the operator answers the next call.
  useEffect(() => {
    if (callLostAt !== null && answeredAt > callLostAt) stores.registration.getState().callLostSeen();
  }, [answeredAt, callLostAt, stores]);
  const now = useNow();
  const time = new Date(now).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <footer className="status-bar">
      <div role="status" aria-label={t('status.regionLabel')} style={{ display: 'flex', gap: 24 }}>
        <span className={`registration registration-${registration}`}>
          {t(registration === 'Reconnecting' || registration === 'NotConnected' ? `faults.registration.${registration}` : `status.registration.${registration}`)}
        </span>{' '}
        <span className={connected ? 'network online' : 'network offline'}>{connected ? t('status.online') : t('status.offline')}</span>{' '}
        <time className="clock" aria-live="off" dateTime={new Date(now).toISOString()}>
          {time}
        </time>
      </div>
      <TeamStatusLine />
      {callLostAt !== null && (
        <p role="alert" className="connection-alert">
          {t('status.callLost')}
        </p>
      )}
    </footer>
  );
}
