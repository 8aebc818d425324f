// The hits as a virtualised listbox: only the rows in view (plus a few) are in the DOM, so 100 hits
// cost as much to paint as 10. Focus never enters the list: the search field owns it and points at
// the active option with aria-activedescendant; the list scrolls to keep that option rendered.
import { memo, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { DirectoryHit } from '../../../common/directory/card';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

export const ROW_HEIGHT = 52;
const VISIBLE_ROWS = 8;
const OVERSCAN = 4;

export const optionId = (index: number) => `dir-hit-${index}`;
export const LISTBOX_ID = 'dir-results';

interface Props {
  hits: DirectoryHit[];
  active: number;
  shownKey: string;
  /** Where the shown hits came from (data-source, for tests and benchmarks). */
  source?: 'ipc' | 'local';
  onPick(index: number): void;
}

interface RowProps {
  card: DirectoryHit['card'];
  index: number;
  count: number;
  active: boolean;
  t: TFunction;
  onPick(index: number): void;
}

const extensionOf = (card: DirectoryHit['card']) => card.numbers.find((n) => n.kind === 'extension')?.value;

/** Every answer brings new card objects: rows compare what they show, not object identity. */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.index !== b.index || a.count !== b.count || a.active !== b.active || a.t !== b.t || a.onPick !== b.onPick) return false;
  const x = a.card;
  const y = b.card;
  return (
    x === y ||
    (x.id === y.id &&
      x.kind === y.kind &&
      x.name === y.name &&
      x.title === y.title &&
      x.unit === y.unit &&
      x.forvaltning === y.forvaltning &&
      x.warning === y.warning &&
      extensionOf(x) === extensionOf(y))
  );
}

// A row re-renders only when what it shows, its place or its active state changes: typing one more
// letter mostly keeps the same people at the top, and their rows are left alone.
const Row = memo(function Row({ card, index, count, active, t, onPick }: RowProps) {
  const extension = extensionOf(card);
  const isProtected = card.warning === 'protected-identity';
  return (
    <div
      id={optionId(index)}
      role="option"
      aria-selected={active}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`hit${active ? ' active' : ''}${isProtected ? ' protected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the search field */}
      onClick={() => onPick(index)}
    >
      <span className="hit-line">
        <strong className="hit-name">{card.name}</strong>
        {card.title && <span className="hit-title">, {card.title}</span>}
        {isProtected && <span className="hit-protected"> · {t('card.protectedShort')}</span>}
      </span>
      <span className="hit-line hit-sub">
        <span className="hit-unit">{[card.unit, card.forvaltning].filter(Boolean).join(', ')}</span>
        {extension && (
          <span className="hit-ext">
            {' '}
            {t('directory.extension')} {extension}
          </span>
        )}
        <span className="hit-presence" title={t('directory.presenceUnknown')}>
          {' '}
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{t('directory.presenceUnknown')}</span>
        </span>
      </span>
    </div>
  );
}, sameRow);

export function ResultsList({ hits, active, shownKey, source, onPick }: Props) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // A stable callback, so memoised rows do not re-render for a new closure.
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const pick = useCallback((index: number) => pickRef.current(index), []);

  // Keep the active row inside the viewport.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || active < 0) return;
    const top = active * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    setScrollTop(el.scrollTop);
  }, [active, hits]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(hits.length, Math.ceil((scrollTop + VISIBLE_ROWS * ROW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const { card } = hits[i]!;
    rows.push(<Row key={`${card.kind}:${card.id}`} card={card} index={i} count={hits.length} active={i === active} t={t} onPick={pick} />);
  }

  return (
    <div ref={viewport} className="hits-viewport" style={{ height: VISIBLE_ROWS * ROW_HEIGHT }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div id={LISTBOX_ID} role="listbox" aria-label={t('directory.results')} data-shown={shownKey} data-source={source} className="hits" style={{ height: hits.length * ROW_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
