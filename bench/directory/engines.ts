// The three search engines the directory benchmark compares, over the same entries: ours, and
// MiniSearch and FlexSearch configured for the same job as well as they allow: the same folding
// (lower case, no diacritics), prefix search while typing, typo tolerance where the library has
// it (MiniSearch fuzzy 0.2), every word of a query required, and the same words per entry: names,
// title, unit, förvaltning, role words, the municipality and its localities, and the numbers of
// everyone not protected (national, international, subscriber part, extension).
import MiniSearch from 'minisearch';
import { Charset, Index } from 'flexsearch';
import { buildSearchIndex, type DirectoryEntry } from '../../common/directory/searchIndex';
import type { Unit } from '../../common/directory/model';
import { PLACES } from '../../common/directory/places';
import { displayNumber } from '../../common/phone';

export interface Engine {
  name: string;
  /** Entry ids, best first. */
  search(query: string, limit: number): string[];
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
const MUNI_NAME = { essunga: 'Essunga', grastorp: 'Grästorp' } as const;

/** Number words of an entry, as a caller may read them: "0512-57 20 01 0512572001 46512572001 572001 2001". */
function numberWords(numbers: Array<string | undefined>, extension: string | undefined): string {
  const out: string[] = [];
  for (const n of numbers) {
    if (!n) continue;
    const national = displayNumber(n);
    out.push(national, national.replace(/\D/g, ''), n.slice(1), national.split('-')[1]?.replace(/\D/g, '') ?? '');
  }
  if (extension) out.push(extension);
  return out.join(' ');
}

function fields(e: DirectoryEntry): { surname: string; givenName: string; rest: string } {
  const places = [MUNI_NAME[e.value.municipality], ...PLACES.filter(([, m]) => m === e.value.municipality).map(([w]) => w)].join(' ');
  if (e.kind === 'shared') {
    const s = e.value;
    return { surname: '', givenName: '', rest: [s.name, ...s.roleWords, places, numberWords([s.number], s.extension)].join(' ') };
  }
  const p = e.value;
  const numbers = p.protectedIdentity ? '' : numberWords([p.directNumber, p.mobile], p.extension);
  return { surname: p.surname, givenName: p.givenName, rest: [p.title, p.unit, p.forvaltning, ...p.roleWords, places, numbers].join(' ') };
}

export function ourEngine(entries: DirectoryEntry[], units: Unit[]): Engine {
  const index = buildSearchIndex(entries, units);
  return { name: 'ours', search: (q, limit) => index.search(q, undefined, limit).map((h) => h.entry.value.id) };
}

export function miniSearchEngine(entries: DirectoryEntry[]): Engine {
  const mini = new MiniSearch<{ id: number; surname: string; givenName: string; rest: string }>({
    fields: ['surname', 'givenName', 'rest'],
    searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { surname: 3, givenName: 2 } },
    processTerm: (term) => fold(term),
  });
  mini.addAll(entries.map((e, id) => ({ id, ...fields(e) })));
  return {
    name: 'MiniSearch',
    search: (q, limit) =>
      mini
        .search(q)
        .slice(0, limit)
        .map((r) => entries[r.id as number]!.value.id),
  };
}

export function flexSearchEngine(entries: DirectoryEntry[]): Engine {
  const flex = new Index({ tokenize: 'forward', encoder: Charset.LatinBalance });
  entries.forEach((e, id) => {
    const f = fields(e);
    flex.add(id, `${f.surname} ${f.givenName} ${f.rest}`);
  });
  return { name: 'FlexSearch', search: (q, limit) => (flex.search(q, { limit }) as number[]).map((id) => entries[id]!.value.id) };
}
