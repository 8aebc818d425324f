// Directory search. The field is the console's home position (focused on load and after actions);
// the directory itself arrives with D-DIRECTORY, until then the panel says it is not connected.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../../console-context';

export function DirectoryPanel() {
  const { t } = useTranslation();
  const { searchFocus } = useConsole();
  const [query, setQuery] = useState('');
  return (
    <section className="panel directory" aria-label={t('directory.regionLabel')}>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={searchFocus.register}
          type="search"
          aria-label={t('directory.searchLabel')}
          placeholder={t('directory.searchPlaceholder')}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </form>
      <p className="empty">{t('directory.notConnected')}</p>
    </section>
  );
}
