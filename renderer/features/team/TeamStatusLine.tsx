// The team store in the status bar: nothing when none is configured; "Teamdatabasen nås inte –
// arbetar på lokal kopia" (with the queued changes) while it is unreachable, as a polite status;
// a lost conflict as an alert with a dismiss button, so the operator knows their change was
// overwritten by a colleague's later one (and that it is kept in the history).
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { vaxel } from '../../platform/vaxel';
import { createTeamView } from './team-store';

export function TeamStatusLine() {
  const { t } = useTranslation();
  const [view] = useState(() => createTeamView(vaxel()));
  useEffect(() => () => view.dispose(), [view]);
  const status = useStore(view.store, (s) => s.status);
  const lost = useStore(view.store, (s) => s.lost);
  if (status.state === 'off' && !lost.length) return null;
  return (
    <>
      <span role="status" aria-label={t('team.regionLabel')} className={`team-store team-${status.state}`}>
        {status.state === 'offline' ? t('team.offline', { count: status.queued }) : t(`team.${status.state}`)}
      </span>
      {lost.length > 0 && (
        <p role="alert" className="team-conflict">
          {lost.map((c) => t('team.conflictLost', { what: t(`team.kinds.${c.kind}`, { defaultValue: c.kind }), winner: c.winner })).join(' ')}{' '}
          <button type="button" onClick={() => view.store.getState().dismiss()}>
            {t('team.dismiss')}
          </button>
        </p>
      )}
    </>
  );
}
