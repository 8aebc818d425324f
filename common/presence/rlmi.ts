// RFC 4662 resource-list NOTIFYs: a multipart/related body (RFC 2387) whose root part is an RLMI
// document (application/rlmi+xml) naming each resource of the list, its subscription state and the
// Content-ID of the part that carries its own body (dialog-info or PIDF). Kamailio's rls module
// sends these; with max_notify_body_length it splits one full state over several NOTIFYs, each
// marked fullState="true", so a full state here means "these resources, authoritatively", not
// "nothing else exists". Read with the hardened XML reader (./xml); nothing here throws.
import { child, findAll, parseXml, type XmlRejectCode } from './xml';

/** A whole NOTIFY body: one RLMI document of ≤ 2,000 elements plus its parts. */
export const RLMI_LIMITS = { maxBodyChars: 256 * 1024, maxParts: 1000, maxElements: 4000 } as const;

export type RlmiRejectCode = XmlRejectCode | 'no-boundary' | 'no-root' | 'not-rlmi' | 'too-many-parts';

export interface RlmiPart {
  readonly contentType: string;
  readonly body: string;
}

export interface RlmiResource {
  /** The resource's URI as the list names it (sip:2001@domain). */
  readonly uri: string;
  /** The extension (user part of the URI), '' when the URI has none. */
  readonly ext: string;
  /** The state of its back-end subscription: only "active" carries a body worth a lamp. */
  readonly state: 'active' | 'pending' | 'terminated' | 'none';
  /** The part the instance points at (cid), null when it sent none. */
  readonly part: RlmiPart | null;
}

export interface RlmiNotify {
  readonly listUri: string;
  readonly version: number;
  readonly full: boolean;
  readonly resources: readonly RlmiResource[];
}

export type RlmiResult = { readonly ok: true; readonly notify: RlmiNotify } | { readonly ok: false; readonly code: RlmiRejectCode };

/** The value of one parameter of a header such as Content-Type (quoted or not), '' when absent. */
export function headerParam(header: string, name: string): string {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i');
  const m = re.exec(header);
  return m ? (m[1] ?? m[2] ?? '') : '';
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaType = (header: string): string => header.split(';')[0]!.trim().toLowerCase();

export const isMultipartRelated = (contentType: string): boolean => mediaType(contentType) === 'multipart/related';

interface RawPart {
  headers: Map<string, string>;
  body: string;
}

/** Splits a multipart body on its boundary (RFC 2046 §5.1.1); null when the boundary never occurs. */
export function splitMultipart(body: string, boundary: string, maxParts: number = RLMI_LIMITS.maxParts): RawPart[] | null | 'too-many' {
  const delimiter = `--${boundary}`;
  // the first delimiter may open the body; every later one follows a CRLF
  const start = body.startsWith(delimiter) ? 0 : body.indexOf(`\r\n${delimiter}`);
  if (start < 0) return null;
  const chunks = body.slice(start === 0 ? 0 : start + 2).split(`\r\n${delimiter}`);
  const parts: RawPart[] = [];
  for (let i = 0; i < chunks.length; i++) {
    let chunk = chunks[i]!;
    if (i === 0) chunk = chunk.slice(delimiter.length);
    if (chunk.startsWith('--')) break; // the close delimiter: the epilogue follows
    if (parts.length >= maxParts) return 'too-many';
    // transport padding after the delimiter, then the line end
    const lineEnd = chunk.indexOf('\r\n');
    if (lineEnd < 0) continue;
    chunk = chunk.slice(lineEnd + 2);
    const headEnd = chunk.startsWith('\r\n') ? 0 : chunk.indexOf('\r\n\r\n');
    if (headEnd < 0) continue;
    const headers = new Map<string, string>();
    for (const line of (headEnd === 0 ? '' : chunk.slice(0, headEnd)).split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    parts.push({ headers, body: chunk.slice(headEnd === 0 ? 2 : headEnd + 4) });
  }
  return parts;
}

const stripAngles = (cid: string) => cid.trim().replace(/^</, '').replace(/>$/, '').replace(/^cid:/i, '');

const extOf = (uri: string) => /^sips?:([^@;>]+)@/i.exec(uri.trim())?.[1] ?? '';

const STATES = new Set(['active', 'pending', 'terminated']);

/**
 * Reads one RLMI NOTIFY. `contentType` is the NOTIFY's Content-Type header (its boundary and start
 * parameters are used). A body that is not a well-formed multipart/related with an RLMI root is
 * rejected as a whole: the caller then changes no lamp and asks for a fresh full state.
 */
export function parseRlmiNotify(contentType: string, body: string): RlmiResult {
  if (body.length > RLMI_LIMITS.maxBodyChars) return { ok: false, code: 'too-large' };
  const boundary = headerParam(contentType, 'boundary');
  if (!isMultipartRelated(contentType) || !boundary) return { ok: false, code: 'no-boundary' };
  const raw = splitMultipart(body, boundary);
  if (raw === 'too-many') return { ok: false, code: 'too-many-parts' };
  if (!raw || raw.length === 0) return { ok: false, code: 'no-boundary' };
  const byCid = new Map<string, RawPart>();
  for (const p of raw) {
    const cid = p.headers.get('content-id');
    if (cid) byCid.set(stripAngles(cid), p);
  }
  const start = stripAngles(headerParam(contentType, 'start'));
  const root = (start && byCid.get(start)) || raw[0]!;
  if (mediaType(root.headers.get('content-type') ?? '') !== 'application/rlmi+xml') return { ok: false, code: 'no-root' };
  const xml = parseXml(root.body, { maxChars: RLMI_LIMITS.maxBodyChars, maxElements: RLMI_LIMITS.maxElements });
  if (!xml.ok) return { ok: false, code: xml.code };
  const list = xml.root;
  if (list.name !== 'list') return { ok: false, code: 'not-rlmi' };
  const version = Number(list.attributes['version']);
  if (!Number.isInteger(version) || version < 0) return { ok: false, code: 'not-rlmi' };
  const fullState = (list.attributes['fullstate'] ?? '').toLowerCase();
  if (fullState !== 'true' && fullState !== 'false' && fullState !== '1' && fullState !== '0') return { ok: false, code: 'not-rlmi' };
  const resources: RlmiResource[] = [];
  for (const r of findAll(list, 'resource')) {
    const uri = r.attributes['uri'] ?? '';
    if (!uri) continue;
    const instance = child(r, 'instance');
    const stateAttr = (instance?.attributes['state'] ?? '').toLowerCase();
    const state = STATES.has(stateAttr) ? (stateAttr as RlmiResource['state']) : 'none';
    const cid = instance?.attributes['cid'];
    const p = cid ? byCid.get(stripAngles(cid)) : undefined;
    resources.push({ uri, ext: extOf(uri), state, part: p ? { contentType: p.headers.get('content-type') ?? '', body: p.body } : null });
  }
  return { ok: true, notify: { listUri: list.attributes['uri'] ?? '', version, full: fullState === 'true' || fullState === '1', resources } };
}

export type RlmiStep = 'apply' | 'refresh';

/**
 * The order of one list subscription's NOTIFYs (RFC 4662 §5.2: versions count up by one). The
 * first must be a full state; a full state newer than the last applied always applies (it is
 * authoritative); a partial state applies only as the very next version. Anything else (a gap, a
 * repeat, one out of order, a partial before any full) asks for a refresh: a new SUBSCRIBE, whose
 * first NOTIFY is a full state, so no lamp is ever shown from a partial state with a hole in it.
 */
export class RlmiSequence {
  private last = -1;
  step(version: number, full: boolean): RlmiStep {
    if (full && version > this.last) {
      this.last = version;
      return 'apply';
    }
    if (!full && this.last >= 0 && version === this.last + 1) {
      this.last = version;
      return 'apply';
    }
    return 'refresh';
  }
  reset(): void {
    this.last = -1;
  }
}
