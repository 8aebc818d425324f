// Directory search (D-DIRECTORY, P-FAST). The search field is the console's home position: focused
// on load and after every action, and it keeps focus while the operator moves through the hits with
// ArrowUp/ArrowDown (aria-activedescendant) and opens one with Enter. Every keystroke searches.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { sv } from '../../../common/i18n';
import type { Municipality } from '../../../common/directory/model';
import { useConsole } from '../../console-context';
import { vaxel } from '../../platform/vaxel';
import { useNow } from '../useNow';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { createDirectoryController, type DirectoryController } from './directory-store';
import { EntryCardView } from './EntryCardView';
import { LISTBOX_ID, optionId, ResultsList } from './ResultsList';
import './directory.css';

const PAGE = 8;
/** The sync error codes the catalogue words (directory.errorCodes); any other is "failed". */
const ERROR_CODES = sv.directory.errorCodes;

/** "för 5 min sedan" as the directory's status line says it. */
function ageOf(ms: number, t: TFunction): string {
  const min = Math.floor(ms / 60000);
  if (min < 1) return t('directory.age.now');
  if (min < 60) return t('directory.age.minutes', { count: min });
  const h = Math.floor(min / 60);
  return h < 48 ? t('directory.age.hours', { count: h }) : t('directory.age.days', { count: Math.floor(h / 24) });
}

function StatusLine({ controller }: { controller: DirectoryController }) {
  const { t } = useTranslation();
  const { searchFocus } = useConsole();
  const status = useStore(controller.store, (s) => s.status);
  const statusAt = useStore(controller.store, (s) => s.statusAt);
  const syncing = useStore(controller.store, (s) => s.syncing);
  const now = useNow(15000);
  if (!status) return null;
  const age = status.ageMs !== undefined ? status.ageMs + Math.max(0, now - statusAt) : undefined;
  return (
    <div className="directory-status">
      <p className="directory-age" aria-live="polite">
        {age !== undefined ? t('directory.updated', { age: ageOf(age, t) }) : t('directory.neverUpdated')} · {t('directory.entries', { count: status.entries })}
        {syncing && ` · ${t('directory.syncing')}`}
      </p>
      {status.lastError && (
        <p className="directory-error" role="alert">
          {t('directory.syncFailed', { why: t(`directory.errorCodes.${(status.lastError.code in ERROR_CODES ? status.lastError.code : 'failed') as 'failed'}`), message: status.lastError.message })}
        </p>
      )}
      <button
        type="button"
        className="sync-now"
        disabled={syncing}
        onClick={() => {
          void controller.syncNow();
          searchFocus.focus();
        }}
      >
        {t('directory.syncNow')}
      </button>
    </div>
  );
}

export function DirectoryPanel() {
  const { t } = useTranslation();
  const { searchFocus, selection } = useConsole();
  const [controller] = useState(() => createDirectoryController(vaxel(), selection));
  useEffect(() => () => controller.dispose(), [controller]);
  const s = useStore(controller.store);
  // The unit list changes with a sync or the municipality, never with a keystroke: built once for those.
  const unitChoices = useMemo(() => {
    const unitOptions = s.units.filter((u) => !s.municipality || u.municipality === s.municipality);
    const forvaltningar = unitOptions.filter((u) => u.kind === 'forvaltning');
    const childrenOf = (id: string) => unitOptions.filter((u) => u.parentId === id);
    const orphans = unitOptions.filter((u) => u.kind === 'unit' && !forvaltningar.some((f) => f.id === u.parentId));
    return (
      <>
        <option value="">{t('directory.allUnits')}</option>
        {forvaltningar.map((f) => (
          <optgroup key={f.id} label={`${f.name}${s.municipality ? '' : ` (${t(f.municipality === 'essunga' ? 'directory.essunga' : 'directory.grastorp')})`}`}>
            <option value={f.id}>{f.name}</option>
            {childrenOf(f.id).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </optgroup>
        ))}
        {orphans.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </>
    );
  }, [s.units, s.municipality, t]);
  const typed = s.query.trim() !== '' || s.municipality !== '' || s.unitId !== '';

  // The open card does not change while the operator types the next name.
  const cardView = useMemo(
    () => (s.card ? <EntryCardView card={s.card} units={s.units} onDone={() => searchFocus.focus()} /> : <p className="hint card-hint">{t('card.hint')}</p>),
    [s.card, s.units, searchFocus, t],
  );

  // The results list's keys, asked after the call keys (Enter on a typed number dials): only while
  // focus is in the search field, which keeps it while the active result moves.
  const field = useRef<HTMLInputElement | null>(null);
  const move = (step: number) => () => (controller.move(step), true);
  useKeyScope(
    'list',
    'search',
    {
      'list.next': move(1),
      'list.previous': move(-1),
      'list.pageDown': move(PAGE),
      'list.pageUp': move(-PAGE),
      'list.open': () => (controller.openActive(), true),
    },
    { accepts: (target) => target !== null && target === field.current },
  );

  return (
    <section className="panel directory" aria-label={t('directory.regionLabel')}>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={(el) => {
            field.current = el;
            searchFocus.register(el);
          }}
          type="search"
          aria-label={t('directory.searchLabel')}
          placeholder={t('directory.searchPlaceholder')}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={s.active >= 0 && s.hits[s.active] ? optionId(s.active) : undefined}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={s.query}
          onChange={(e) => controller.setQuery(e.target.value)}
        />
        <div className="directory-filters">
          <label>
            <span>{t('directory.municipality')}</span>
            <select
              aria-label={t('directory.municipality')}
              value={s.municipality}
              onChange={(e) => {
                controller.setMunicipality(e.target.value as Municipality | '');
                searchFocus.focus();
              }}
            >
              <option value="">{t('directory.allMunicipalities')}</option>
              <option value="essunga">{t('directory.essunga')}</option>
              <option value="grastorp">{t('directory.grastorp')}</option>
            </select>
          </label>
          <label>
            <span>{t('directory.unit')}</span>
            <select
              aria-label={t('directory.unit')}
              value={s.unitId}
              onChange={(e) => {
                controller.setUnit(e.target.value);
                searchFocus.focus();
              }}
            >
              {unitChoices}
            </select>
          </label>
        </div>
      </form>
      <p className="hit-count" aria-live="polite">
        {s.searchError
          ? t('directory.searchFailed', { error: s.searchError })
          : typed
            ? s.hits.length
              ? t('directory.hits', { count: s.hits.length })
              : t('directory.noHits')
            : t('directory.typeToSearch')}
      </p>
      <ResultsList
        hits={s.hits}
        active={s.active}
        shownKey={s.shownKey}
        source={s.searchSource}
        onPick={(i) => {
          controller.setActive(i);
          controller.openActive();
          searchFocus.focus();
        }}
      />
      {cardView}
      <StatusLine controller={controller} />
    </section>
  );
}
