// Picks a person from the directory by keyboard (the ordering manager, for whom an order is, the
// manager who reported a notice): a combobox that searches main as the operator types, ArrowUp /
// ArrowDown move through a listbox of hits (focus stays in the field, aria-activedescendant), Enter
// picks the active one. The picked person is shown beside it with a button to clear the choice.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryHit } from '../../../common/directory/card';
import { vaxel } from '../../platform/vaxel';

export interface PickedPerson {
  id: string;
  name: string;
  unit: string;
}

const LIMIT = 8;

export function PersonPicker({ label, picked, onPick, autoFocus }: { label: string; picked: PickedPerson | null; onPick(p: PickedPerson | null): void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<DirectoryHit[]>([]);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    let live = true;
    const q = query.trim();
    if (!q) {
      setHits([]);
      setActive(-1);
      return;
    }
    vaxel()
      .directorySearch({ query: q, filters: { kind: 'person' }, limit: LIMIT })
      .then((h) => {
        if (!live) return;
        setHits(h);
        setActive(h.length ? 0 : -1);
      })
      .catch(() => live && setHits([]));
    return () => {
      live = false;
    };
  }, [query]);

  const pick = (hit: DirectoryHit | undefined) => {
    if (!hit) return;
    onPick({ id: hit.card.id, name: hit.card.name, unit: hit.card.unit });
    setQuery('');
  };
  const open = hits.length > 0;
  return (
    <div className="person-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-describedby={`${id}-picked ${id}-hint`}
        aria-activedescendant={open && active >= 0 ? `${id}-hit-${active}` : undefined}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && open) setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp' && open) setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && open) pick(hits[active]);
          else return;
          e.preventDefault(); // Enter picks, it does not submit the form
        }}
      />
      <span id={`${id}-hint`} className="hint">
        {t('orders.searchHint')}
      </span>
      <ul id={`${id}-list`} role="listbox" aria-label={label} hidden={!open}>
        {hits.map((h, i) => (
          <li
            key={h.card.id}
            id={`${id}-hit-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(h)}
          >
            {[h.card.name, h.card.title, h.card.unit].filter(Boolean).join(', ')}
          </li>
        ))}
      </ul>
      <p id={`${id}-picked`} className="picked" aria-live="polite">
        {picked ? t('orders.picked', { name: [picked.name, picked.unit].filter(Boolean).join(', ') }) : t('orders.noPick')}{' '}
        {picked && (
          <button type="button" onClick={() => onPick(null)} aria-label={`${t('orders.clearPick')}: ${label}`}>
            {t('orders.clearPick')}
          </button>
        )}
      </p>
    </div>
  );
}
