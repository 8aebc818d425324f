// Seeded mutants of every message kind the console receives (issue 17 point 2): a well-formed
// base message per kind, then one mutation drawn by the case's PRNG. Each case says what it is
// (kind + mutation) and carries the Call-ID the console's answer would carry.
import { header } from '../sip-text.js';
import { int, type Rng } from './prng.js';

export const KINDS = ['INVITE', 're-INVITE', 'BYE', 'CANCEL', 'NOTIFY dialog-info', 'NOTIFY PIDF', 'MESSAGE', 'OPTIONS', 'REGISTER response', 'SUBSCRIBE response', 'INVITE response'] as const;
export type Kind = (typeof KINDS)[number];

export const MUTATIONS = [
  'byte flips',
  'truncation',
  'huge header',
  'repeated headers',
  'giant SDP',
  'billion laughs',
  'deep nesting',
  'malformed XML',
  'invalid UTF-8',
  'wrong tags',
  'wrong Call-ID',
  'wrong CSeq',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface Peer {
  /** The console's newest REGISTER and SUBSCRIBE as received (responses are built on them). */
  readonly register: string;
  readonly subscribe: string | null;
}

export interface FaultCase {
  readonly label: string;
  readonly data: Buffer;
  /** Binary frame (invalid UTF-8 may not go in a text frame: RFC 6455 §8.1). */
  readonly binary: boolean;
  readonly callId: string;
  readonly kind: Kind;
}

let n = 0;
const CRLF = '\r\n';

function contactOf(p: Peer): string {
  return /<(sip:[^>]+)>/.exec(header(p.register, 'Contact'))?.[1] ?? 'sip:op1@127.0.0.1';
}

const SDP = (extra = ''): string =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0 8', 'a=rtpmap:0 PCMU/8000', 'a=sendrecv', extra].filter(Boolean).join(CRLF) + CRLF;

const DIALOG_INFO = `<?xml version="1.0"?>${CRLF}<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:2001@127.0.0.1"><dialog id="d1"><state>confirmed</state></dialog></dialog-info>${CRLF}`;
const PIDF = `<?xml version="1.0"?>${CRLF}<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:2001@127.0.0.1"><tuple id="t1"><status><basic>open</basic></status><note>Lunch</note></tuple></presence>${CRLF}`;

interface Parts {
  start: string;
  headers: string[];
  body: string;
  callId: string;
}

function requestParts(kind: Kind, p: Peer): Parts {
  const i = ++n;
  const callId = `fault-${i}@standin`;
  const contact = contactOf(p);
  const aor = header(p.register, 'To').replace(/;tag=[^;]*/, '');
  const method = kind.startsWith('NOTIFY') ? 'NOTIFY' : kind === 're-INVITE' ? 'INVITE' : kind;
  const inDialog = kind === 're-INVITE' || kind === 'BYE' || kind.startsWith('NOTIFY');
  const headers = [
    `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-fault${i}`,
    'Max-Forwards: 70',
    `From: <sip:+46701234567@127.0.0.1>;tag=from${i}`,
    `To: ${aor}${inDialog ? `;tag=to${i}` : ''}`,
    `Call-ID: ${callId}`,
    `CSeq: ${kind === 'CANCEL' ? '1 CANCEL' : `${inDialog ? 2 : 1} ${method}`}`,
    'Contact: <sip:standin@127.0.0.1;transport=ws>',
  ];
  let body = '';
  if (method === 'INVITE') {
    headers.push('Content-Type: application/sdp');
    body = SDP();
  } else if (kind === 'NOTIFY dialog-info') {
    headers.push('Event: dialog', 'Subscription-State: active;expires=600', 'Content-Type: application/dialog-info+xml');
    body = DIALOG_INFO;
  } else if (kind === 'NOTIFY PIDF') {
    headers.push('Event: presence', 'Subscription-State: active;expires=600', 'Content-Type: application/pidf+xml');
    body = PIDF;
  } else if (kind === 'MESSAGE') {
    headers.push('Content-Type: text/plain');
    body = 'Ring tillbaka';
  }
  return { start: `${method} ${contact} SIP/2.0`, headers, body, callId };
}

/** A response on the console's own transaction (REGISTER or SUBSCRIBE), or a stray INVITE response. */
function responseParts(kind: Kind, p: Peer): Parts {
  const base = kind === 'REGISTER response' ? p.register : kind === 'SUBSCRIBE response' && p.subscribe ? p.subscribe : null;
  const i = ++n;
  const callId = base ? header(base, 'Call-ID') : `fault-${i}@standin`;
  const to = base ? header(base, 'To') : `<sip:2001@127.0.0.1>`;
  const headers = [
    `Via: ${base ? header(base, 'Via') : `SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-stray${i}`}`,
    `From: ${base ? header(base, 'From') : `<sip:op1@127.0.0.1>;tag=op${i}`}`,
    `To: ${to.includes('tag=') ? to : `${to};tag=srv${i}`}`,
    `Call-ID: ${callId}`,
    `CSeq: ${base ? header(base, 'CSeq') : '1 INVITE'}`,
  ];
  if (kind === 'REGISTER response') headers.push(`Contact: ${header(p.register, 'Contact')};expires=600`);
  if (kind === 'SUBSCRIBE response') headers.push('Expires: 600');
  let body = '';
  if (kind === 'INVITE response') {
    headers.push('Contact: <sip:2001@127.0.0.1;transport=ws>', 'Content-Type: application/sdp');
    body = SDP();
  }
  return { start: 'SIP/2.0 200 OK', headers, body, callId };
}

function assemble(parts: Parts, contentLength?: number): Buffer {
  const body = Buffer.from(parts.body, 'utf8');
  const head = [parts.start, ...parts.headers, `Content-Length: ${contentLength ?? body.length}`, '', ''].join(CRLF);
  return Buffer.concat([Buffer.from(head, 'utf8'), body]); // the From of a REGISTER may be "Operatör 1"
}

const billionLaughs = (): string => {
  const ents = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k ? k : ''};`.repeat(10)}">`)];
  return `<?xml version="1.0"?>${CRLF}<!DOCTYPE dialog-info [${ents.join('')}]>${CRLF}<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="2" state="full" entity="sip:2001@127.0.0.1"><dialog id="&lol9;"/></dialog-info>`;
};

const deepNesting = (depth: number): string =>
  `<?xml version="1.0"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:2001@127.0.0.1">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</presence>`;

/** One seeded mutant of `kind`. */
export function mutant(kind: Kind, mutation: Mutation, p: Peer, rng: Rng): FaultCase {
  const parts = kind.endsWith('response') ? responseParts(kind, p) : requestParts(kind, p);
  let binary = false;
  let data: Buffer;
  switch (mutation) {
    case 'byte flips': {
      data = Buffer.from(assemble(parts));
      for (let k = int(rng, 1, 8); k > 0; k--) data[int(rng, 0, data.length - 1)] = int(rng, 0, 255);
      binary = true;
      break;
    }
    case 'truncation':
      data = assemble(parts).subarray(0, int(rng, 1, assemble(parts).length - 1));
      binary = true;
      break;
    case 'huge header':
      parts.headers.push(`Subject: ${'x'.repeat(int(rng, 20_000, 200_000))}`);
      data = assemble(parts);
      break;
    case 'repeated headers': {
      const name = ['Via', 'Contact', 'Record-Route', 'Route', 'Supported'][int(rng, 0, 4)]!;
      for (let k = int(rng, 500, 20_000); k > 0; k--) parts.headers.push(name === 'Via' ? `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-r${k}` : `${name}: <sip:r${k}@127.0.0.1;lr>`);
      data = assemble(parts);
      break;
    }
    case 'giant SDP':
      parts.headers = parts.headers.filter((h) => !h.startsWith('Content-Type'));
      parts.headers.push('Content-Type: application/sdp');
      parts.body = SDP(Array.from({ length: int(rng, 2000, 20_000) }, (_, k) => `a=candidate:${k} 1 udp 2130706431 127.0.0.1 ${40000 + (k % 20000)} typ host`).join(CRLF));
      data = assemble(parts);
      break;
    case 'billion laughs':
      parts.headers = parts.headers.filter((h) => !h.startsWith('Content-Type'));
      parts.headers.push('Content-Type: application/dialog-info+xml');
      parts.body = billionLaughs();
      data = assemble(parts);
      break;
    case 'deep nesting':
      parts.headers = parts.headers.filter((h) => !h.startsWith('Content-Type'));
      parts.headers.push('Content-Type: application/pidf+xml');
      parts.body = deepNesting(int(rng, 1000, 50_000));
      data = assemble(parts);
      break;
    case 'malformed XML': {
      const xml = kind === 'NOTIFY PIDF' ? PIDF : DIALOG_INFO;
      parts.body = xml.slice(0, int(rng, 1, xml.length - 1)) + ['<', '&', ']]>', '<!--', '\u0000'][int(rng, 0, 4)];
      data = assemble(parts);
      break;
    }
    case 'invalid UTF-8': {
      const bad = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff]);
      const whole = assemble(parts);
      const at = int(rng, 0, whole.length);
      data = Buffer.concat([whole.subarray(0, at), bad.subarray(0, int(rng, 1, bad.length)), whole.subarray(at)]);
      binary = true;
      break;
    }
    case 'wrong tags':
      parts.headers = parts.headers.map((h) =>
        h.startsWith('To:') ? `${h.replace(/;tag=[^;]*/, '')};tag=nosuch${int(rng, 0, 1e6)}` : h.startsWith('From:') ? h.replace(/tag=[^;]*/, `tag=other${int(rng, 0, 1e6)}`) : h,
      );
      data = assemble(parts);
      break;
    case 'wrong Call-ID':
      parts.headers = parts.headers.map((h) => (h.startsWith('Call-ID:') ? `Call-ID: ${['', ' ', 'x'.repeat(5000), `other-${int(rng, 0, 1e6)}@x`][int(rng, 0, 3)]}` : h));
      data = assemble(parts);
      break;
    case 'wrong CSeq':
      parts.headers = parts.headers.map((h) =>
        h.startsWith('CSeq:') ? `CSeq: ${['4294967296', '-1', '0', '99999999999999999999', 'abc'][int(rng, 0, 4)]} ${['INVITE', 'BYE', 'REGISTER', 'FOO', ''][int(rng, 0, 4)]}` : h,
      );
      data = assemble(parts);
      break;
  }
  return { label: `${kind} / ${mutation}`, data, binary, callId: parts.callId, kind };
}
