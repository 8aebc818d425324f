// tel: and sip: links (RFC 3966, RFC 3261) handed to the console by the OS: on the command line of
// a second instance (Windows, Linux) or in an open-url event (macOS). Turned into a dial-out
// request; anything else on the command line is ignored.

export interface DialRequest {
  /** What the dial-out is prefilled with: digits (and a leading +) for tel:, the SIP URI for sip:. */
  target: string;
  scheme: 'tel' | 'sip';
}

const MAX_LINK = 512;

/** One link → a request, or null when it is not a usable tel:/sip: link. */
export function parseDialLink(link: string): DialRequest | null {
  const text = link.trim();
  if (text.length > MAX_LINK) return null;
  const scheme = /^(tel|sips?|callto):/i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) return null;
  let rest = text.slice(scheme.length + 1);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return null;
  }
  rest = rest.replace(/^\/\//, ''); // "tel://…" and "callto://…" as some programs write them
  if (scheme === 'tel' || scheme === 'callto') {
    const number = rest.split(';')[0]!.replace(/[\s\-.()/]/g, '');
    return /^\+?[0-9*#]{2,32}$/.test(number) ? { target: number, scheme: 'tel' } : null;
  }
  // sip:user@host[:port][;params][?headers]: parameters and headers are dropped, never dialled.
  const uri = rest.split(/[;?]/)[0]!;
  const match = /^([A-Za-z0-9._~!$&'*+,=%-]{1,64})@([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)$/.exec(uri);
  if (!match) return null;
  return { target: `${scheme}:${match[1]}@${match[2]}`, scheme: 'sip' };
}

/** The first tel:/sip: link on a command line (the OS passes it as an argument), or null. */
export function dialLinkFromArgv(argv: readonly string[]): DialRequest | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const request = parseDialLink(arg);
    if (request) return request;
  }
  return null;
}
