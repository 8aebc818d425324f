// Stores a built search index (SearchIndexData) as one byte array and reads it back, so a start
// with a cached directory loads arrays instead of tokenizing and sorting 100k entries again.
// Layout: 4-byte header length, a JSON header (format, counts, string lists, array table), then
// the typed arrays' bytes, each at an offset aligned to 4. Reading copies each array out of the
// buffer, so the result never aliases the caller's bytes, unless the caller hands the bytes over
// (`alias`): then aligned arrays are views into them, which saves copying tens of megabytes at start.
// The header may carry the caller's own JSON (`extra`), such as where each entry's row is.
// Pure TypeScript (TextEncoder/TextDecoder, no Buffer): main stores it, the renderer reads a snapshot.
import type { SearchIndexData } from './searchIndex';
import type { TermDict } from './termDict';

/** Bump when SearchIndexData or the way it is built changes: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 4;

type ArrayName =
  | 'order'
  | 'docMuni'
  | 'docKind'
  | 'docUnit'
  | 'numDocs'
  | 'subDocs'
  | 'extDocs'
  | 'cutStart'
  | 'cutDocs'
  | 'cutCode'
  | 'cutComplete'
  | 'ex.start'
  | 'ex.post'
  | 'ex.docStart'
  | 'ex.docTerms'
  | 'va.start'
  | 'va.post'
  | 'va.docStart'
  | 'va.docTerms';
type Typed = Uint32Array | Uint8Array | Int32Array;
const KINDS = { u32: Uint32Array, u8: Uint8Array, i32: Int32Array } as const;
type Kind = keyof typeof KINDS;

interface Header {
  format: number;
  n: number;
  unitIds: string[];
  exTerms: string[];
  vaTerms: string[];
  numKeys: string[];
  subKeys: string[];
  extKeys: string[];
  cutWords: string[];
  arrays: Array<[ArrayName, Kind, number, number]>; // name, kind, byte offset in the body, length
  extra?: unknown;
}

// Both hosts have these (Node 20, Chromium); common/ compiles without DOM or Node types.
interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;

const kindOf = (a: Typed): Kind => (a instanceof Uint8Array ? 'u8' : a instanceof Int32Array ? 'i32' : 'u32');

export function encodeIndexData(d: SearchIndexData, extra?: unknown): Uint8Array {
  const list: Array<[ArrayName, Typed]> = [
    ['order', d.order],
    ['docMuni', d.docMuni],
    ['docKind', d.docKind],
    ['docUnit', d.docUnit],
    ['numDocs', d.numDocs],
    ['subDocs', d.subDocs],
    ['extDocs', d.extDocs],
    ['cutStart', d.cutStart],
    ['cutDocs', d.cutDocs],
    ['cutCode', d.cutCode],
    ['cutComplete', d.cutComplete],
    ['ex.start', d.ex.start],
    ['ex.post', d.ex.post],
    ['ex.docStart', d.ex.docStart],
    ['ex.docTerms', d.ex.docTerms],
    ['va.start', d.va.start],
    ['va.post', d.va.post],
    ['va.docStart', d.va.docStart],
    ['va.docTerms', d.va.docTerms],
  ];
  let offset = 0;
  const arrays: Header['arrays'] = list.map(([name, a]) => {
    const at = offset;
    offset += (a.byteLength + 3) & ~3;
    return [name, kindOf(a), at, a.length];
  });
  const header: Header = {
    format: INDEX_FORMAT,
    n: d.n,
    unitIds: [...d.unitIds],
    exTerms: [...d.ex.terms],
    vaTerms: [...d.va.terms],
    numKeys: [...d.numKeys],
    subKeys: [...d.subKeys],
    extKeys: [...d.extKeys],
    cutWords: [...d.cutWords],
    arrays,
    ...(extra !== undefined ? { extra } : {}),
  };
  const head = new codecs.TextEncoder().encode(JSON.stringify(header));
  const bodyStart = (4 + head.length + 3) & ~3;
  const out = new Uint8Array(bodyStart + offset);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  list.forEach(([, a], i) => out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), bodyStart + arrays[i]![2]));
  return out;
}

/** The stored index, or undefined when the bytes are of another format or do not hold together. */
export function decodeIndexData(bytes: Uint8Array): SearchIndexData | undefined {
  return decodeStoredIndex(bytes)?.data;
}

export interface DecodeOptions {
  /** The caller hands the bytes over and never changes them: arrays may be views into them. */
  alias?: boolean;
}

/** The stored index and the caller's extra header, or undefined (see decodeIndexData). */
export function decodeStoredIndex(bytes: Uint8Array, options: DecodeOptions = {}): { data: SearchIndexData; extra: unknown } | undefined {
  try {
    if (bytes.length < 4) return undefined;
    const headLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    if (4 + headLength > bytes.length) return undefined;
    const header = JSON.parse(new codecs.TextDecoder().decode(bytes.subarray(4, 4 + headLength))) as Header;
    if (header.format !== INDEX_FORMAT) return undefined;
    const bodyStart = (4 + headLength + 3) & ~3;
    const got = new Map<ArrayName, Typed>();
    for (const [name, kind, at, length] of header.arrays) {
      const Ctor = KINDS[kind];
      const byteLength = length * Ctor.BYTES_PER_ELEMENT;
      if (bodyStart + at + byteLength > bytes.length) return undefined;
      const offset = bytes.byteOffset + bodyStart + at;
      if (options.alias && offset % Ctor.BYTES_PER_ELEMENT === 0) {
        got.set(name, new Ctor(bytes.buffer as ArrayBuffer, offset, length));
        continue;
      }
      // A fresh, aligned copy (Buffer.slice would be a view into SQLite's buffer, at any offset).
      const copy = new Uint8Array(byteLength);
      copy.set(bytes.subarray(bodyStart + at, bodyStart + at + byteLength));
      got.set(name, new Ctor(copy.buffer, 0, length));
    }
    const a = <T extends Typed>(name: ArrayName): T => {
      const v = got.get(name);
      if (!v) throw new Error(`missing ${name}`);
      return v as T;
    };
    const dict = (p: 'ex' | 'va', terms: string[]): TermDict => ({
      terms,
      start: a(`${p}.start`),
      post: a(`${p}.post`),
      docStart: a(`${p}.docStart`),
      docTerms: a(`${p}.docTerms`),
    });
    const data: SearchIndexData = {
      n: header.n,
      order: a('order'),
      docMuni: a('docMuni'),
      docKind: a('docKind'),
      docUnit: a('docUnit'),
      unitIds: header.unitIds,
      ex: dict('ex', header.exTerms),
      va: dict('va', header.vaTerms),
      numKeys: header.numKeys,
      numDocs: a('numDocs'),
      subKeys: header.subKeys,
      subDocs: a('subDocs'),
      extKeys: header.extKeys,
      extDocs: a('extDocs'),
      cutWords: header.cutWords,
      cutStart: a('cutStart'),
      cutDocs: a('cutDocs'),
      cutCode: a('cutCode'),
      cutComplete: a('cutComplete'),
    };
    const consistent =
      data.order.length === data.n &&
      data.docMuni.length === data.n &&
      data.docUnit.length === data.n &&
      data.ex.start.length === data.ex.terms.length + 1 &&
      data.va.start.length === data.va.terms.length + 1 &&
      data.ex.docStart.length === data.n + 1 &&
      data.va.docStart.length === data.n + 1 &&
      data.numDocs.length === data.numKeys.length &&
      data.subDocs.length === data.subKeys.length &&
      data.extDocs.length === data.extKeys.length &&
      data.cutStart.length === data.cutWords.length + 1 &&
      data.cutDocs.length === data.cutCode.length &&
      data.cutComplete.length === data.cutWords.length;
    return consistent ? { data, extra: header.extra } : undefined;
  } catch {
    return undefined;
  }
}
