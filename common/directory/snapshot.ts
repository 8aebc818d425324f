// The renderer's copy of the directory (issue 4): the search index and compact display rows, so
// the console searches in the input event and paints the typed text and its results in one frame.
// Main builds it with the index after every change and ships it in base64 parts (one path for
// Electron IPC and the web host's JSON WebSocket); the card on Enter still comes from main.
//
// P-SECRECY: the snapshot is built from public entries. A protected identity keeps its name,
// title and unit (the operator must find the person and see the warning) but has no numbers,
// extension, e-mail, notes or URIs in it: neither in the display rows nor as words in the index.
import type { EntryCard } from './card';
import { entryCard } from './card';
import { decodeStoredIndex, encodeIndexData } from './indexCodec';
import type { Municipality, Person, Unit } from './model';
import { buildSearchIndexData, createSearchIndex, type DirectoryEntry, type EntryList, type SearchIndex, type SearchIndexData } from './searchIndex';

/** Bump when the display rows change shape. */
export const SNAPSHOT_FORMAT = 1;
/** Bytes per shipped part: each part is one IPC answer (base64, ~2.7 MB) and one short decode step. */
export const SNAPSHOT_PART_BYTES = 2 * 1024 * 1024 - ((2 * 1024 * 1024) % 3);

/** Display rows by entry position, as columns; repeated texts (titles, units) are stored once. */
export interface SnapshotRows {
  snapshot: typeof SNAPSHOT_FORMAT;
  /** Positions below this are persons, the rest shared numbers. */
  persons: number;
  ids: string[];
  names: string[];
  texts: string[];
  /** Indexes into texts. */
  title: number[];
  unit: number[];
  forvaltning: number[];
  /** 0 essunga, 1 grästorp. */
  muni: number[];
  /** The extension a row shows, '' for none (always '' for a protected identity). */
  ext: string[];
  /** Positions of protected identities. */
  protectedAt: number[];
  units: Unit[];
}

/** What a protected identity may be in the renderer: found by name, title and unit, nothing else. */
export function publicEntry(entry: DirectoryEntry): DirectoryEntry {
  if (entry.kind !== 'person' || !entry.value.protectedIdentity) return entry;
  const p = entry.value;
  const value: Person = {
    id: p.id,
    givenName: p.givenName,
    surname: p.surname,
    title: p.title,
    municipality: p.municipality,
    forvaltning: p.forvaltning,
    unit: p.unit,
    ...(p.unitId !== undefined ? { unitId: p.unitId } : {}),
    roleWords: p.roleWords,
    notes: '',
    protectedIdentity: true,
  };
  return { kind: 'person', value };
}

/**
 * The snapshot bytes for entries in their load order. `data` is the index main built over the same
 * entries, reused as it is: the index never holds a protected identity's numbers, e-mail or notes
 * (buildSearchIndexData), and the display rows are made from public entries only.
 */
export function buildSnapshot(entries: readonly DirectoryEntry[], units: readonly Unit[], data: SearchIndexData = buildSearchIndexData(entries, units)): Uint8Array {
  const texts: string[] = [];
  const textAt = new Map<string, number>();
  const text = (s: string) => {
    let i = textAt.get(s);
    if (i === undefined) textAt.set(s, (i = texts.push(s) - 1));
    return i;
  };
  const rows: SnapshotRows = {
    snapshot: SNAPSHOT_FORMAT,
    persons: 0,
    ids: [],
    names: [],
    texts,
    title: [],
    unit: [],
    forvaltning: [],
    muni: [],
    ext: [],
    protectedAt: [],
    units: [...units],
  };
  entries.forEach((entry, position) => {
    const card = entryCard(publicEntry(entry));
    if (entry.kind === 'person') rows.persons = position + 1;
    rows.ids.push(card.id);
    rows.names.push(card.name);
    rows.title.push(text(card.title));
    rows.unit.push(text(card.unit));
    rows.forvaltning.push(text(card.forvaltning));
    rows.muni.push(card.municipality === 'essunga' ? 0 : 1);
    rows.ext.push(card.warning ? '' : (card.numbers.find((n) => n.kind === 'extension')?.value ?? ''));
    if (card.warning) rows.protectedAt.push(position);
  });
  return encodeIndexData(data, rows);
}

const isRows = (x: unknown, n: number): x is SnapshotRows => {
  const r = x as Partial<SnapshotRows> | undefined;
  return (
    !!r &&
    r.snapshot === SNAPSHOT_FORMAT &&
    typeof r.persons === 'number' &&
    Array.isArray(r.texts) &&
    Array.isArray(r.units) &&
    Array.isArray(r.protectedAt) &&
    [r.ids, r.names, r.title, r.unit, r.forvaltning, r.muni, r.ext].every((c) => Array.isArray(c) && c.length === n)
  );
};

/**
 * The result row's card for a display row: what a row shows, nothing more. `partial` marks it so
 * the console fetches the full card from main before it opens or selects it.
 */
export type RowCard = EntryCard & { partial: true };

export interface LocalDirectory {
  index: SearchIndex<RowCard>;
  units: Unit[];
}

/** Opens snapshot bytes (handed over: the index's arrays are views into them), or undefined. */
export function openSnapshot(bytes: Uint8Array): LocalDirectory | undefined {
  const decoded = decodeStoredIndex(bytes, { alias: true });
  if (!decoded || !isRows(decoded.extra, decoded.data.n)) return undefined;
  const r = decoded.extra;
  const isProtected = new Uint8Array(r.ids.length);
  for (const p of r.protectedAt) isProtected[p] = 1;
  const cards: Array<RowCard | undefined> = new Array(r.ids.length);
  const entries: EntryList<RowCard> = {
    length: r.ids.length,
    at(position) {
      if (!(position >= 0 && position < r.ids.length)) return undefined;
      let card = cards[position];
      if (card) return card;
      const ext = r.ext[position]!;
      card = {
        id: r.ids[position]!,
        kind: position < r.persons ? 'person' : 'shared',
        name: r.names[position]!,
        title: r.texts[r.title[position]!] ?? '',
        municipality: (r.muni[position] === 0 ? 'essunga' : 'grastorp') satisfies Municipality,
        forvaltning: r.texts[r.forvaltning[position]!] ?? '',
        unit: r.texts[r.unit[position]!] ?? '',
        roleWords: [],
        notes: '',
        numbers: ext ? [{ kind: 'extension', value: ext, giveOut: false }] : [],
        ...(isProtected[position] ? { warning: 'protected-identity' as const } : {}),
        partial: true,
      };
      cards[position] = card;
      return card;
    },
  };
  return { index: createSearchIndex(decoded.data, entries, r.units), units: r.units };
}

/** One base64 part decoded into `target` at `offset`; returns the bytes written. */
export function decodeBase64Into(base64: string, target: Uint8Array, offset: number): number {
  // atob: in Node 20 and every browser; common/ compiles without DOM or Node types.
  const binary = (globalThis as unknown as { atob(data: string): string }).atob(base64);
  const n = binary.length;
  if (offset + n > target.length) throw new RangeError('snapshot part beyond the announced size');
  for (let i = 0; i < n; i++) target[offset + i] = binary.charCodeAt(i);
  return n;
}
