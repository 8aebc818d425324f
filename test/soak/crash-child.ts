// The process the crash loop kills (kill-loop.ts): it opens the console's stores the way the web
// host does (the key unwrapped by the key-file cipher, the call log and the outbox in vaxel.sqlite,
// the unit notices in the directory cache) and writes to them without end, printing one line per
// write only after the write returned, that is after its transaction committed:
//   "ready <ms to open>" once open, then "c <callId>", "m <messageId>", "n <noticeId>".
// Usage: node crash-child.mjs <dataDir> <round> <seed> (the seed picks the mix of writes).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openCallLog } from '../../main/services/callLog';
import { openDirectoryDatabase } from '../../main/services/directory/database';
import { createUnitNoticeStore } from '../../main/services/directory/unitNotices';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openMessages } from '../../main/services/messages';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { databaseKeyFile, loadOrCreateDatabaseKey } from '../../main/services/storage';
import { seededRandom } from './seeded';

const [dataDir, roundText, seedText] = process.argv.slice(2);
if (!dataDir || !roundText || !seedText) throw new Error('usage: crash-child <dataDir> <round> <seed>');
const round = Number(roundText);
const random = seededRandom(Number(seedText));
const started = Date.now();
// The memory logger keeps the child's own log lines out of stdout, which carries only acknowledgements.
const log = createMemoryLogger();
const key = loadOrCreateDatabaseKey(databaseKeyFile(dataDir), createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log);
const db = path.join(dataDir, 'vaxel.sqlite');
const { callLog } = openCallLog({ file: db, log, operator: () => 'op1', key });
const messages = openMessages({
  file: db,
  log,
  key,
  operator: () => 'op1',
  // No e-mail address: the message is queued for the operator's voice/SIP channels, no SMTP is tried.
  resolveEmployee: async (target) => ({ name: 'Anna Andersson', extension: target, numbers: [target], email: null, sipUri: `sip:${target}@127.0.0.1`, voicemailUri: null }),
});
const directory = openDirectoryDatabase(path.join(dataDir, 'directory.sqlite'), log, key);
const notices = createUnitNoticeStore(directory.db, log);

/** Writes straight to fd 1: the line is in the pipe before the next write starts. */
const ack = (line: string) => fs.writeSync(1, line + '\n');
ack(`ready ${Date.now() - started}`);

async function writeForever(): Promise<never> {
  for (let i = 0; ; i++) {
    const id = `r${round}-${i}`;
    switch (Math.floor(random() * 3)) {
      case 0:
        callLog.record({ callId: id, kind: 'offered', at: Date.now(), dialledNumber: '0512-570 00', switchboardId: 'essunga' });
        ack(`c ${id}`);
        break;
      case 1: {
        const sent = await messages.send({
          id: crypto.randomUUID(),
          callerNumber: '070-123 45 67',
          callerName: 'Karl Karlsson',
          calledAt: Date.now(),
          switchboardId: 'essunga',
          dialledNumber: '0512-570 00',
          employee: '2001',
          text: `Ring tillbaka om ärende ${id}`,
          callbackWanted: true,
          urgent: false,
        });
        ack(`m ${sent.id}`);
        break;
      }
      default:
        ack(`n ${notices.add({ unitId: 'u-soc', text: `Stängt för utbildning (${id})` }, 'op1').id}`);
    }
    // Let the outbox's timers run now and then, as they do in the console.
    if (i % 20 === 19) await new Promise((r) => setImmediate(r));
  }
}
void writeForever().catch((error: unknown) => {
  process.stderr.write(`crash-child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(2);
});
