// Reads the dialled-number candidates out of an INVITE's header values. Pure (no SIP.js), so it
// is tested in Node. PBXs put the dialled number in different places (P-GREET): the Request-URI,
// To, Diversion (RFC 5806) or History-Info (RFC 7044); settings say which to trust, in order.
import type { DialledCandidates } from '../../common/policy';

export interface InviteNumberFields {
  readonly requestUriUser?: string | undefined;
  readonly toUser?: string | undefined;
  /** Raw header values, as many as the message carried. */
  readonly diversion: readonly string[];
  readonly historyInfo: readonly string[];
}

/** Splits a header value on commas that are outside <...> and quotes. */
function splitEntries(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"' && value[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out.map((e) => e.trim()).filter(Boolean);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray '%' is not worth losing the number over
  }
}

/** The user part of a sip:, sips: or tel: URI inside one header entry; undefined when there is none. */
export function userOfEntry(entry: string): string | undefined {
  const bracketed = /<([^>]*)>/.exec(entry);
  const uri = (bracketed ? bracketed[1] : entry.split(';')[0]).trim();
  const m = /^(?:sips?:([^@;?>]+)@|tel:([^;?>]+))/i.exec(uri);
  const user = m?.[1] ?? m?.[2];
  if (!user) return undefined;
  // User parameters (";phone-context=...", ";isub=") are not part of the number.
  return safeDecode(user.split(';')[0]);
}

/** History-Info entries carry ";index=1.1.2"; order by it so the originally dialled one is first. */
function historyIndex(entry: string): number[] {
  const m = /;\s*index=([0-9.]+)/i.exec(entry.replace(/<[^>]*>/, ''));
  return m ? m[1].split('.').map(Number) : [Number.MAX_SAFE_INTEGER];
}

function compareIndex(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function extractDialledCandidates(f: InviteNumberFields): DialledCandidates {
  const users = (values: readonly string[]) =>
    values
      .flatMap(splitEntries)
      .map(userOfEntry)
      .filter((u): u is string => !!u);
  const history = f.historyInfo
    .flatMap(splitEntries)
    .map((entry, pos) => ({ entry, pos, index: historyIndex(entry) }))
    .sort((a, b) => compareIndex(a.index, b.index) || a.pos - b.pos)
    .map((e) => userOfEntry(e.entry))
    .filter((u): u is string => !!u);
  return {
    ...(f.requestUriUser ? { 'request-uri': [safeDecode(f.requestUriUser)] } : {}),
    ...(f.toUser ? { to: [safeDecode(f.toUser)] } : {}),
    diversion: users(f.diversion),
    'history-info': history,
  };
}
