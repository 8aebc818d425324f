// "Favoriter": the settings' favourite extensions and the units watched with "Bevaka enhet", each
// row with its busy lamp and absence, and a stale absence flagged in the row. Rows are keyed by
// extension and read their own entry of the presence store, so a NOTIFY re-renders one row only;
// names are looked up in the directory only for rows scrolled into view (favourite-names.ts, one
// store per console). A stale absence is also
// announced politely (once per extension) the moment its first NOTIFY says so.
import './absence.css';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import { absenceText, staleReason, staleText, type StaleReason } from '../../../common/presence';
import { useConsole } from '../../console-context';
import type { PresenceEntry } from '../../sip/presence';
import { useNow } from '../useNow';
import { usePresence, usePresenceEntry } from './hooks';
import { LampSourceNote } from './LampSourceNote';
import { unwatchUnit, watchedUnitsOf } from './watched-units';

function AbsenceBit({ entry }: { entry: PresenceEntry }) {
  const { t } = useTranslation();
  const now = useNow(30000);
  const a = entry.absence;
  if (!a) return null;
  const stale: StaleReason | null = entry.stale ?? staleReason(a, Math.max(now, entry.absenceAt));
  return (
    <>
      <span className={`fav-absence hit-absence${stale ? ' stale' : ''}`}> {absenceText(a, now, t)}</span>
      {stale && <span className="fav-stale absence-stale"> ⚠ {staleText(stale, t)}</span>}
    </>
  );
}

const Row = memo(function Row({ ext, name: given, observer }: { ext: string; name?: string | undefined; observer: IntersectionObserver | null }) {
  const { t } = useTranslation();
  const entry = usePresenceEntry(ext);
  const { favouriteNames } = useConsole();
  const found = useStore(favouriteNames.store, (s) => s.names[ext]);
  const name = given ?? found;
  const ref = useRef<HTMLLIElement>(null);
  const unnamed = name === undefined;
  useEffect(() => {
    const el = ref.current;
    if (!el || !observer || !unnamed) return;
    (el as HTMLLIElement & { vaxelName?: () => void }).vaxelName = () => favouriteNames.lookUp(ext);
    observer.observe(el);
    return () => observer.unobserve(el);
  }, [observer, ext, unnamed, favouriteNames]);
  return (
    <li ref={ref} className={`favourite lamp-${entry.lamp}`} data-ext={ext} data-lamp={entry.lamp} data-absence={entry.absence === undefined ? 'unknown' : 'known'}>
      <span className="lamp" aria-hidden="true" />
      <span className="visually-hidden">{t('lamp.label', { state: t(`lamp.${entry.lamp}`) })}</span> <span className="fav-name">{name || ext}</span>
      {name ? <span className="fav-ext"> {ext}</span> : null}
      {entry.absence ? <AbsenceBit entry={entry} /> : null}
    </li>
  );
});

/**
 * Rows in groups without a DOM element of their own (the list keeps plain <li> children). React
 * walks every sibling of an updated row's fibre when it commits; among 2,000 siblings that made
 * each lamp change cost O(list); in groups of CHUNK it costs O(list / CHUNK + CHUNK).
 */
const CHUNK = 50;

const RowGroup = memo(function RowGroup({ rows, observer }: { rows: readonly { ext: string; name?: string }[]; observer: IntersectionObserver | null }) {
  return (
    <>
      {rows.map((r) => (
        <Row key={r.ext} ext={r.ext} name={r.name} observer={observer} />
      ))}
    </>
  );
});

function Rows({ rows, observer }: { rows: readonly { ext: string; name?: string }[]; observer: IntersectionObserver | null }) {
  const groups = useMemo(() => {
    const out: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
    return out;
  }, [rows]);
  return (
    <>
      {groups.map((g, i) => (
        <RowGroup key={i} rows={g} observer={observer} />
      ))}
    </>
  );
}

/** Announces politely an absence of a watched extension that was already stale when its NOTIFY arrived. */
function StaleAnnouncer({ watched }: { watched: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const manager = usePresence();
  const { favouriteNames } = useConsole();
  const [text, setText] = useState('');
  useEffect(
    () =>
      manager.onStale((ext, why) => {
        if (watched.has(ext)) setText(t('favourites.staleNotice', { who: watched.get(ext) || favouriteNames.store.getState().names[ext] || ext, why: staleText(why, t) }));
      }),
    [manager, watched, favouriteNames, t],
  );
  return (
    <p className="visually-hidden" aria-live="polite">
      {text}
    </p>
  );
}

export function FavouritesPanel() {
  const { t } = useTranslation();
  const manager = usePresence();
  const units = useStore(watchedUnitsOf(manager), (s) => s.units);
  const favourites = manager.favourites;
  const [observer, setObserver] = useState<IntersectionObserver | null>(null);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // rooted at the list (its own scroll box): rows count as seen when scrolled into the list's
    // view, wherever the panel sits on the page
    const o = new IntersectionObserver(
      (seen) => {
        for (const e of seen) {
          if (!e.isIntersecting) continue;
          o.unobserve(e.target);
          (e.target as Element & { vaxelName?: () => void }).vaxelName?.();
        }
      },
      { root: list.current },
    );
    setObserver(o);
    return () => o.disconnect();
  }, []);
  const favouriteRows = useMemo(() => favourites.map((ext) => ({ ext })), [favourites]);
  const watched = useMemo(() => {
    const m = new Map<string, string>(favourites.map((f) => [f, '']));
    for (const u of units) for (const x of u.members) m.set(x.ext, x.name);
    return m;
  }, [favourites, units]);

  return (
    <section className="panel favourites" aria-labelledby="favourites-heading">
      <h2 id="favourites-heading">{t('favourites.heading')}</h2>
      {favourites.length === 0 && units.length === 0 && <p>{t('favourites.none')}</p>}
      <ul ref={list} className="favourite-list" aria-label={t('favourites.heading')}>
        <Rows rows={favouriteRows} observer={observer} />
      </ul>
      {units.map((u) => (
        <div key={u.id} className="watched-unit">
          <h3>
            {t('favourites.watchedUnit', { name: u.name })}{' '}
            <button type="button" onClick={() => unwatchUnit(manager, u.id)}>
              {t('favourites.unwatch')}
            </button>
          </h3>
          <ul className="favourite-list" aria-label={t('favourites.watchedUnit', { name: u.name })}>
            <Rows rows={u.members} observer={null} />
          </ul>
        </div>
      ))}
      <StaleAnnouncer watched={watched} />
      <LampSourceNote manager={manager} />
    </section>
  );
}
