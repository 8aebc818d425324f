// Which way the busy lamps come (resource lists, or one subscription per extension), as the
// presence manager's list mode found out on this connection: a polite status under "Favoriter".
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { PresenceManager } from '../../sip/presence';

export function LampSourceNote({ manager }: { manager: PresenceManager }) {
  const { t } = useTranslation();
  const source = useStore(manager.lists.state, (s) => s.source);
  const count = useStore(manager.lists.state, (s) => s.listSubscriptions);
  const text = source === 'lists' ? t('rls.lists', { count }) : source === 'per-extension' ? t('rls.perExtension') : source === 'off' ? t('rls.off') : t('rls.detecting');
  return (
    <p role="status" aria-label={t('rls.label')} className="lamp-source" data-source={source}>
      {text}
    </p>
  );
}
