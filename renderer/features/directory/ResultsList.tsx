// The hits as a virtualised listbox: only the rows in view (plus a few) are in the DOM, so 100 hits
// cost as much to paint as 10. Focus never enters the list: the search field owns it and points at
// the active option with aria-activedescendant; the list scrolls to keep that option rendered.
import { useLayoutEffect, useRef, useState } from 'react';
import type { DirectoryHit } from '../../../common/directory/card';
import { useDirectoryTexts } from './texts';
import { HitPresence } from '../absence/HitPresence';

export const ROW_HEIGHT = 52;
const VISIBLE_ROWS = 8;
const OVERSCAN = 4;

export const optionId = (index: number) => `dir-hit-${index}`;
export const LISTBOX_ID = 'dir-results';

interface Props {
  hits: DirectoryHit[];
  active: number;
  shownKey: string;
  onPick(index: number): void;
}

export function ResultsList({ hits, active, shownKey, onPick }: Props) {
  const texts = useDirectoryTexts();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

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
    const extension = card.numbers.find((n) => n.kind === 'extension')?.value;
    const isProtected = card.warning === 'protected-identity';
    rows.push(
      <div
        key={`${card.kind}:${card.id}`}
        id={optionId(i)}
        role="option"
        aria-selected={i === active}
        aria-setsize={hits.length}
        aria-posinset={i + 1}
        className={`hit${i === active ? ' active' : ''}${isProtected ? ' protected' : ''}`}
        style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
        onMouseDown={(e) => e.preventDefault() /* keep focus in the search field */}
        onClick={() => onPick(i)}
      >
        <span className="hit-line">
          <strong className="hit-name">{card.name}</strong>
          {card.title && <span className="hit-title">, {card.title}</span>}
          {isProtected && <span className="hit-protected"> · {texts.protectedShort}</span>}
        </span>
        <span className="hit-line hit-sub">
          <span className="hit-unit">{[card.unit, card.forvaltning].filter(Boolean).join(', ')}</span>
          {extension && (
            <span className="hit-ext">
              {' '}
              {texts.extension} {extension}
            </span>
          )}
          {extension ? <HitPresence extension={extension} /> : <span className="hit-presence" title={texts.presenceUnknown}>
            {' '}
            <span aria-hidden="true">–</span>
            <span className="visually-hidden">{texts.presenceUnknown}</span>
          </span>}
        </span>
      </div>,
    );
  }

  return (
    <div
      ref={viewport}
      className="hits-viewport"
      style={{ height: VISIBLE_ROWS * ROW_HEIGHT }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div id={LISTBOX_ID} role="listbox" aria-label={texts.results} data-shown={shownKey} className="hits" style={{ height: hits.length * ROW_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
