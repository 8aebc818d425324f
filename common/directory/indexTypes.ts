// The search index's public shapes, apart from its code so the modules that build and read an
// index (buildIndex.ts, numberSearch.ts, scoring.ts) need not import searchIndex.ts back.
import type { Municipality, Person, SharedNumber } from './model';
import type { TermDict } from './termDict';

export type DirectoryEntry = { kind: 'person'; value: Person } | { kind: 'shared'; value: SharedNumber };

export interface SearchFilters {
  municipality?: Municipality;
  /** A förvaltning or unit id; entries in it or any unit below it match. */
  unitId?: string;
  kind?: DirectoryEntry['kind'];
}

/** Which kind of field made the best match; the UI may show it ("rektor Hagaskolan"). */
export type MatchField = 'name' | 'role' | 'title' | 'unit' | 'email' | 'notes' | 'number' | 'extension' | 'none';

export interface IndexHit<E = DirectoryEntry> {
  entry: E;
  score: number;
  field: MatchField;
}

/** The entries an index answers with, by load position: an array, or a list that reads rows on demand. */
export interface EntryList<E = DirectoryEntry> {
  readonly length: number;
  at(position: number): E | undefined;
}

export interface SearchIndex<E = DirectoryEntry> {
  readonly size: number;
  search(query: string, filters?: SearchFilters, limit?: number): IndexHit<E>[];
  /** Exact match of an incoming caller's number (any format, SIP/tel URI, or an extension). */
  lookupNumber(raw: string): IndexHit<E>[];
}

export interface SearchIndexOptions {
  /**
   * Precompute the ranked list of every word of up to three characters whose postings exceed this
   * many (default 20000). 0 precomputes every such word; Infinity none (the plain scan, which the
   * tests use as the reference the shortcuts must agree with).
   */
  shortcutMinCost?: number;
  /** Keep the first this many documents of each precomputed list (default 2000); queries needing more scan. */
  shortcutKeep?: number;
}

/** Everything a search needs besides the entries themselves; typed arrays and strings only. */
export interface SearchIndexData {
  /** Number of entries; document d is entries[order[d]]. */
  readonly n: number;
  readonly order: Uint32Array;
  readonly docMuni: Uint8Array;
  readonly docKind: Uint8Array;
  /** Index into unitIds, or -1. */
  readonly docUnit: Int32Array;
  readonly unitIds: readonly string[];
  readonly ex: TermDict;
  readonly va: TermDict;
  readonly numKeys: readonly string[];
  readonly numDocs: Uint32Array;
  /** The subscriber part of every number (phone.ts subscriberKey), sorted; docs packed as in numDocs. */
  readonly subKeys: readonly string[];
  readonly subDocs: Uint32Array;
  readonly extKeys: readonly string[];
  readonly extDocs: Uint32Array;
  /** Sorted query words with a precomputed list: docs cutDocs[cutStart[k] .. cutStart[k + 1]), codes in cutCode. */
  readonly cutWords: readonly string[];
  readonly cutStart: Uint32Array;
  readonly cutDocs: Uint32Array;
  readonly cutCode: Uint8Array;
  /** 1 when cutWords[k]'s list holds every matching document, 0 when only its head was kept. */
  readonly cutComplete: Uint8Array;
}
