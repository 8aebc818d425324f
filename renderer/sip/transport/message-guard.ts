// Checks every SIP message from the server BEFORE SIP.js parses it. SIP.js parses on the
// renderer's main thread and, on some malformed input, throws (unknown URI schemes, a body without
// Content-Type, an unparseable CSeq), leaks dialogs, or spends seconds on tens of thousands of
// headers. This module is pure string work, linear in the message, with hard limits; it decides
// whether SIP.js may see a message and, for requests it refuses, builds the SIP error response
// from the headers it could read (RFC 3261 8.2.6). Nothing here logs message contents: verdicts
// carry short codes only (P-SECRECY).
import { Grammar } from 'sip.js';

export interface GuardLimits {
  /** Largest message accepted, in bytes (UTF-8). */
  readonly maxBytes: number;
  /** Most header fields accepted (lines after the start line, folded lines count once). */
  readonly maxHeaders: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = { maxBytes: 64 * 1024, maxHeaders: 200 };

export type GuardVerdict =
  | { readonly action: 'pass' }
  /** Answer with `response` (a complete SIP response) and do not give the request to SIP.js. */
  | { readonly action: 'reject'; readonly code: string; readonly status: number; readonly response: string }
  /** Not answerable (a response, an ACK, or the fields a response needs are missing): drop. */
  | { readonly action: 'drop'; readonly code: string };

const COMPACT: Readonly<Record<string, string>> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events',
  x: 'session-expires',
  y: 'identity',
};

/** Fields that may appear once only (RFC 3261 7.3.1: not comma-separated lists). */
const SINGLE = ['call-id', 'cseq', 'from', 'to', 'max-forwards', 'content-length', 'content-type'];

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  415: 'Unsupported Media Type',
  416: 'Unsupported URI Scheme',
  505: 'Version Not Supported',
  513: 'Message Too Large',
};
/** Bodies the console can take in an INVITE-like request (SIP.js's media handler reads SDP only). */
const SDP_METHODS = new Set(['INVITE', 'ACK', 'UPDATE', 'PRACK']);

interface Header {
  readonly name: string;
  readonly value: string;
}

interface Split {
  readonly startLine: string;
  readonly headers: Header[];
  /** Header lines seen; stops counting at the limit + 1. */
  readonly headerCount: number;
  /** Index of the body in the raw string, or -1 when the header section has no end. */
  readonly bodyStart: number;
  readonly badLine: boolean;
}

/** Splits the header section, reading at most `window` characters and `maxHeaders + 1` headers. */
function split(raw: string, window: number, maxHeaders: number): Split {
  const text = raw.length > window ? raw.slice(0, window) : raw;
  const firstEnd = text.indexOf('\r\n');
  if (firstEnd < 0) return { startLine: text, headers: [], headerCount: 0, bodyStart: -1, badLine: false };
  const headers: Array<{ name: string; value: string }> = [];
  let pos = firstEnd + 2;
  let count = 0;
  let badLine = false;
  let bodyStart = -1;
  while (pos <= text.length) {
    const end = text.indexOf('\r\n', pos);
    if (end < 0) break; // header section runs past the window or has no end
    if (end === pos) {
      bodyStart = pos + 2;
      break;
    }
    const line = text.slice(pos, end);
    pos = end + 2;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      // folded continuation of the previous header (RFC 3261 7.3.1)
      const last = headers[headers.length - 1];
      if (last) last.value = `${last.value} ${line.trim()}`.trim();
      else badLine = true;
      continue;
    }
    count++;
    if (count > maxHeaders) break;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !TOKEN.test(name)) {
      badLine = true;
      continue;
    }
    const lower = name.toLowerCase();
    headers.push({ name: COMPACT[lower] ?? lower, value: line.slice(colon + 1).trim() });
  }
  return { startLine: text.slice(0, firstEnd), headers, headerCount: count, bodyStart, badLine };
}

/**
 * Grammar.parse(value, rule) !== -1, remembered: a dialog's NOTIFYs repeat their From, To, Call-ID,
 * Contact and Request-URI (not their Via: a new branch each time), and each SIP.js grammar parse
 * costs tens of microseconds. Bounded: dropped whole when full (a miss only costs the parse).
 */
const GRAMMAR_MEMORY_LIMIT = 2048;
const grammarMemory = new Map<string, boolean>();
function parses(value: string, rule: string): boolean {
  const key = `${rule}\u0000${value}`;
  let ok = grammarMemory.get(key);
  if (ok === undefined) {
    ok = Grammar.parse(value, rule) !== -1;
    if (grammarMemory.size >= GRAMMAR_MEMORY_LIMIT) grammarMemory.clear();
    grammarMemory.set(key, ok);
  }
  return ok;
}

function all(headers: readonly Header[], name: string): Header[] {
  return headers.filter((h) => h.name === name);
}

function first(headers: readonly Header[], name: string): string | undefined {
  return headers.find((h) => h.name === name)?.value;
}

/** UTF-8 length without allocating for ASCII-only strings. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function randomTag(): string {
  return Math.random().toString(36).slice(2, 12) || 'vaxelguard';
}

/** A stateless error response built from the request's own header fields; null when they are missing. */
function errorResponse(headers: readonly Header[], status: number, extra: readonly string[] = []): string | null {
  const vias = all(headers, 'via');
  const from = first(headers, 'from');
  const to = first(headers, 'to');
  const callId = first(headers, 'call-id');
  const cseq = first(headers, 'cseq');
  if (!vias.length || from === undefined || to === undefined || callId === undefined || cseq === undefined) return null;
  return [
    `SIP/2.0 ${status} ${REASONS[status] ?? 'Error'}`,
    ...vias.map((v) => `Via: ${v.value}`),
    `From: ${from}`,
    `To: ${/;\s*tag\s*=/i.test(to) ? to : `${to};tag=${randomTag()}`}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The verdict for one message as it came off the WebSocket. */
export function inspectMessage(raw: string, limits: GuardLimits = DEFAULT_GUARD_LIMITS): GuardVerdict {
  // CRLF keep-alives never get here (the transport eats them); anything else this short is noise.
  if (raw.length < 8) return { action: 'drop', code: 'sip.guard.too-short' };
  // A string of N UTF-16 units is at least N bytes, and at most 3N.
  const tooLarge = raw.length > limits.maxBytes || (raw.length * 3 > limits.maxBytes && utf8Length(raw) > limits.maxBytes);
  const s = split(raw, Math.min(raw.length, limits.maxBytes), limits.maxHeaders);
  const isResponse = s.startLine.startsWith('SIP/');

  const reject = (code: string, status: number, extra: readonly string[] = []): GuardVerdict => {
    if (isResponse) return { action: 'drop', code };
    const method = s.startLine.split(' ', 1)[0];
    if (method === 'ACK') return { action: 'drop', code }; // never answer an ACK (RFC 3261 17.2.1)
    const response = errorResponse(s.headers, status, extra);
    return response ? { action: 'reject', code, status, response } : { action: 'drop', code: `${code}.unanswerable` };
  };

  if (tooLarge) return reject('sip.guard.too-large', 513);
  if (s.headerCount > limits.maxHeaders) return reject('sip.guard.too-many-headers', 513);
  if (s.bodyStart < 0) return reject('sip.guard.no-header-end', 400);
  if (s.badLine) return reject('sip.guard.bad-header-line', 400);

  // Start line: exactly three parts separated by single spaces, no trailing space.
  if (isResponse) {
    const m = /^SIP\/2\.0 ([1-6][0-9]{2}) [^\r\n]*$/.exec(s.startLine);
    if (!m) return { action: 'drop', code: 'sip.guard.bad-status-line' };
  } else {
    const parts = s.startLine.split(' ');
    if (parts.length !== 3 || !TOKEN.test(parts[0]) || !parts[1]) return reject('sip.guard.bad-request-line', 400);
    if (parts[2] !== 'SIP/2.0') return reject(/^SIP\/\d+\.\d+$/.test(parts[2]) ? 'sip.guard.bad-version' : 'sip.guard.bad-request-line', /^SIP\/\d+\.\d+$/.test(parts[2]) ? 505 : 400);
    const uri = parts[1];
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
    if (!scheme) return reject('sip.guard.bad-request-uri', 400);
    if (scheme !== 'sip' && scheme !== 'sips') return reject('sip.guard.uri-scheme', 416);
    // headers are not allowed in a Request-URI (RFC 3261 19.1.5)
    const hostPart = uri.slice(uri.lastIndexOf('@') + 1);
    if (hostPart.includes('?') || !parses(uri, 'SIP_URI')) return reject('sip.guard.bad-request-uri', 400);
  }

  // The fields every request and response must carry, and that SIP.js reads eagerly.
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!first(s.headers, name)) return reject(`sip.guard.missing-${name}`, 400);
  }
  for (const name of SINGLE) {
    if (all(s.headers, name).length > 1) return reject(`sip.guard.repeated-${name}`, 400);
  }
  const cseq = /^([0-9]{1,10})[ \t]+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(first(s.headers, 'cseq')!);
  if (!cseq || Number(cseq[1]) > 0x7fffffff) return reject('sip.guard.bad-cseq', 400);
  if (!isResponse && cseq[2] !== s.startLine.split(' ', 1)[0]) return reject('sip.guard.cseq-method-mismatch', 400);
  if (!isResponse) {
    const maxForwards = first(s.headers, 'max-forwards');
    if (maxForwards !== undefined && !(/^[0-9]{1,10}$/.test(maxForwards) && Number(maxForwards) <= 255)) return reject('sip.guard.bad-max-forwards', 400);
    const expires = first(s.headers, 'expires');
    if (expires !== undefined && !(/^[0-9]{1,10}$/.test(expires) && Number(expires) <= 0xffffffff)) return reject('sip.guard.bad-expires', 400);
    const topVia = all(s.headers, 'via')[0].value;
    // without a branch (or with the bare magic cookie) SIP.js cannot match transactions (RFC 2543 matching is not implemented)
    const branch = /;\s*branch\s*=\s*([^;,\s]+)/i.exec(topVia.split(',')[0])?.[1];
    if (!branch || branch === 'z9hG4bK') return reject('sip.guard.via-branch', 400);
  }
  for (const via of all(s.headers, 'via')) {
    if (Grammar.parse(via.value, 'Via') === -1) return reject('sip.guard.bad-via', 400);
  }
  for (const name of ['from', 'to']) {
    if (!parses(first(s.headers, name)!, name === 'from' ? 'From' : 'To')) return reject(`sip.guard.bad-${name}`, 400);
  }
  if (!parses(first(s.headers, 'call-id')!, 'Call_ID')) return reject('sip.guard.bad-call-id', 400);
  for (const contact of all(s.headers, 'contact')) {
    if (!parses(contact.value, 'Contact')) return reject('sip.guard.bad-contact', 400);
  }

  // Body: Content-Length is optional on a message-framed WebSocket, but when present it must be
  // a number and the body must be at least that long (extra octets are discarded, RFC 3261 18.3).
  const contentLength = first(s.headers, 'content-length');
  const rest = raw.slice(s.bodyStart);
  let body = rest;
  if (contentLength !== undefined) {
    if (!/^[0-9]{1,9}$/.test(contentLength)) return reject('sip.guard.bad-content-length', 400);
    const declared = Number(contentLength);
    if (utf8Length(rest) < declared) return reject('sip.guard.short-body', 400);
    body = rest.slice(0, declared);
  }
  if (body.length > 0) {
    const type = first(s.headers, 'content-type');
    if (type === undefined) return reject('sip.guard.body-without-type', 400);
    const media = /^([A-Za-z0-9\-.!%*_+`'~]+)\/([A-Za-z0-9\-.!%*_+`'~]+)\s*(;.*)?$/.exec(type);
    if (!media) return reject('sip.guard.bad-content-type', 400);
    if (!isResponse && SDP_METHODS.has(cseq[2]) && `${media[1]}/${media[2]}`.toLowerCase() !== 'application/sdp') {
      return reject('sip.guard.unsupported-body', 415, ['Accept: application/sdp']);
    }
  }
  return { action: 'pass' };
}
