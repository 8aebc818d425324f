// The RFC 4475 torture messages (test/fixtures/rfc4475) adapted to a registered client as
// index.json describes (the same adaptation as test/node/sip-guard-every-user-agent.test.ts):
// placeholders from the client's REGISTER, and a unique suffix on every branch but the bare cookie.
import fs from 'node:fs';
import path from 'node:path';
import { header } from '../sip-text.js';

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/rfc4475');

export interface Rfc4475Message {
  readonly name: string;
  readonly file: string;
  readonly kind: 'request' | 'response';
  readonly frame: 'text' | 'binary';
  readonly adapt?: Array<[string, string]>;
}

export function rfc4475Messages(): Rfc4475Message[] {
  return (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'index.json'), 'utf8')) as { messages: Rfc4475Message[] }).messages;
}

let seq = 0;

/** The message's bytes for a client whose newest REGISTER is `register`. */
export function adaptRfc4475(m: Rfc4475Message, register: string): Buffer {
  const contact = /<sip:([^@>]+)@([^;>]+)/.exec(header(register, 'Contact'))!;
  const aor = /sip:([^@>]+)@([^;>]+)/.exec(header(register, 'To'))!;
  const esc = (s: string) => `%${s.charCodeAt(0).toString(16).padStart(2, '0')}${s.slice(1)}`;
  const values: Record<string, string> = {
    user: contact[1]!,
    host: contact[2]!,
    userEsc: esc(contact[1]!),
    aorUser: aor[1]!,
    aorHost: aor[2]!,
    aorUserEsc: esc(aor[1]!),
    via: header(register, 'Via'),
    callId: header(register, 'Call-ID'),
    from: header(register, 'From'),
    to: header(register, 'To'),
    cseqNum: header(register, 'CSeq').split(' ')[0]!,
    contactUri: `sip:${contact[1]}@${contact[2]};transport=ws`,
    expires: '600',
  };
  let s = fs.readFileSync(path.join(FIXTURES, m.file)).toString('latin1');
  for (const [from, to] of m.adapt ?? []) s = s.split(from).join(to);
  // The file is handled as latin1 (one char per byte); a value from the REGISTER is Unicode text
  // (the display name "Operatör 1"), so it goes in as its UTF-8 bytes, or a text frame is not UTF-8.
  const bytes = (v: string) => Buffer.from(v, 'utf8').toString('latin1');
  s = s.replace(/\{\{(\w+)\}\}/g, (all, k: string) => (values[k] === undefined ? all : bytes(values[k])));
  s = s.replace(/(branch\s*=\s*)([^;,\s]+)/gi, (all, p: string, v: string) => (v === 'z9hG4bK' ? all : `${p}${v}-f${++seq}`));
  return Buffer.from(s, 'latin1');
}
