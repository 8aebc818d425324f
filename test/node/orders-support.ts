// Shared by the orders tests: a service on a real SQLite file in a temp dir, with a small
// directory of managers and people, and a decoder for the quoted-printable mails smtp-server stores.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openOrders, type OrderPerson } from '../../main/services/orders';
import type { SmtpConfig } from '../../common/messages/model';

export const PEOPLE: Record<string, OrderPerson> = {
  'chef-1': { name: 'Maria Chefsson', email: 'maria.chefsson@essunga.se', unitId: 'u-bygg', unitName: 'Bygglov' },
  'chef-2': { name: 'Utan Epost', email: null, unitId: 'u-skola', unitName: 'Hagaskolan' },
  'p-1': { name: 'Per Persson', email: 'per@essunga.se', unitId: 'u-skola', unitName: 'Hagaskolan' },
};

/** One sealing key per test file, as the console has one per data folder. */
export const TEST_KEY = { hex: crypto.randomBytes(32).toString('hex') };

export function openTestOrders(options: { smtp?: () => SmtpConfig | null; now?: () => number; operator?: () => string | undefined } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-orders-'));
  const file = path.join(dir, 'vaxel.sqlite');
  const log = createMemoryLogger();
  const service = openOrders({
    file,
    log,
    key: TEST_KEY,
    operator: options.operator ?? (() => 'op1'),
    lookupPerson: async (id) => PEOPLE[id] ?? null,
    smtp: options.smtp ?? (() => null),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    service,
    file,
    log,
    dispose() {
      service.closeDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of a stored mail: headers' encoded words and the quoted-printable body decoded. */
export function decodeMail(raw: string): string {
  // unfold header lines; whitespace between two encoded words is not part of the text (RFC 2047)
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ').replace(/(\?=)\s+(=\?)/g, '$1$2');
  const words = unfolded.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) => qp(q.replace(/_/g, ' ')));
  const [head, ...body] = words.split(/\r?\n\r?\n/);
  return `${head}\n\n${qp(body.join('\n\n').replace(/=\r?\n/g, ''))}`;
}
function qp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
