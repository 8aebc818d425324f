// Call data sealed at rest (P-SECRECY, issue 17 point 5): the call log and the message outbox are
// written through SQLCipher-compatible SQLite with a key the host's cipher wraps. These tests read
// the files' bytes (and -wal/-shm) for known numbers and texts, refuse wrong and unreadable keys,
// and seal an existing plaintext file in place, also across a kill -9 in the middle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/app/createServices';
import { openCallLog } from '../../main/services/callLog';
import { createMemoryLogger } from '../../main/services/log/logger';
import { openMessages } from '../../main/services/messages';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';
import { databaseKeyFile, fileKind, loadOrCreateDatabaseKey, migrations, openDatabase, SealedDatabaseError, userVersion, type DatabaseKey } from '../../main/services/storage';
import { sealingPathFor } from '../../main/services/storage/sealed';
import { draft, EMPLOYEE } from './messages-support';
import { sampleSettings } from './settings.fixture';

const T0 = Date.UTC(2026, 10, 30, 9, 0);
const DIALLED = '0512-570 99';
const message = draft({ callerNumber: '070-987 65 43', callerName: 'Greta Gåsholm', text: 'Ring om bygglovet på Storgatan 5, ärende 4711' });
/** What must never be readable in the files: the numbers as given and as digits, the name and the text. */
const NEEDLES = [DIALLED, '051257099', message.callerNumber as string, '0709876543', 'Gåsholm', 'bygglovet', 'Storgatan', 'ärende 4711'];

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-sealed-'));
const randomKey = (): DatabaseKey => ({ hex: crypto.randomBytes(32).toString('hex') });
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every needle found in any file under dir (recursively), as "file: needle". */
function findInFiles(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${path.relative(dir, file)}: ${needle}`);
  }
  return hits;
}

function webServices(dataDir: string, log = createMemoryLogger()) {
  return createServices({ host: 'web', appVersion: '0.0.0', dataDir, cipher: createKeyFileCipher(path.join(dataDir, 'secret.key'), log), log });
}

test('the call log and the outbox as the web host writes them: no number, name or text in the files, open or closed', async () => {
  const dataDir = tmpDir();
  const s = webServices(dataDir);
  assert.ok((await s.dispatch('saveSettings', sampleSettings())).ok);
  assert.ok((await s.dispatch('recordCallEvent', { callId: 'sealed-1', kind: 'offered', at: T0, dialledNumber: DIALLED, switchboardId: 'essunga' })).ok);
  assert.ok((await s.dispatch('recordCallEvent', { callId: 'sealed-1', kind: 'ended', at: T0 + 5000, outcome: 'answered' })).ok);
  const sent = await s.dispatch('messageSend', message);
  assert.ok(sent.ok, JSON.stringify(sent));
  const db = path.join(dataDir, 'vaxel.sqlite');
  assert.ok(fs.existsSync(db + '-wal'), 'the WAL holds the latest writes while open');
  assert.equal(fileKind(db), 'sealed', 'no SQLite header: the first page is encrypted');
  assert.deepEqual(findInFiles(dataDir, NEEDLES), [], 'while the console runs');
  s.close();
  assert.deepEqual(findInFiles(dataDir, NEEDLES), [], 'after close');
  const keyText = fs.readFileSync(databaseKeyFile(dataDir), 'utf8');
  assert.doesNotMatch(keyText, /[0-9a-f]{64}/, 'the raw key is not in the key file');

  const again = webServices(dataDir);
  const list = await again.dispatch('listRecentCalls', { limit: 5 });
  assert.ok(list.ok);
  assert.deepEqual(
    (list.value as { callId: string; dialledNumber: string }[]).map((r) => [r.callId, r.dialledNumber]),
    [['sealed-1', DIALLED]],
    'readable again with the same key',
  );
  const messages = await again.dispatch('messageList', { limit: 5, openOnly: false });
  assert.ok(messages.ok);
  assert.match(JSON.stringify(messages.value), /ärende 4711/);
  again.close();
});

test('a sealed file opened with another key is refused with a clear error and left exactly as it was', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'vaxel.sqlite');
  const log = createMemoryLogger();
  const { callLog } = openCallLog({ file, log, operator: () => 'op1', key: randomKey() });
  callLog.record({ callId: 'k1', kind: 'offered', at: T0, dialledNumber: DIALLED });
  callLog.close();
  const before = sha(file);
  const files = fs.readdirSync(dir).sort();
  assert.throws(
    () => openCallLog({ file, log, operator: () => 'op1', key: randomKey() }),
    (error: unknown) => error instanceof SealedDatabaseError && /vaxel\.sqlite cannot be opened with this workstation's database key/.test(error.message) && /not changed/.test(error.message),
  );
  assert.throws(() => openDatabase({ file, log, key: randomKey() }), SealedDatabaseError);
  assert.equal(sha(file), before, 'not one byte changed');
  assert.deepEqual(fs.readdirSync(dir).sort(), files, 'not moved aside, no new file');
});

test('a key file the cipher cannot unwrap: the call log and outbox stay closed, the sealed file untouched, the error says why', async () => {
  const dataDir = tmpDir();
  const first = webServices(dataDir);
  assert.ok((await first.dispatch('saveSettings', sampleSettings())).ok);
  assert.ok((await first.dispatch('recordCallEvent', { callId: 'k2', kind: 'offered', at: T0, dialledNumber: DIALLED })).ok);
  first.close();
  const db = path.join(dataDir, 'vaxel.sqlite');
  const before = sha(db);
  const cacheBefore = sha(path.join(dataDir, 'directory.sqlite'));
  // Another secret.key (a restored profile, a keychain reset): the wrapped database key no longer unwraps.
  fs.rmSync(path.join(dataDir, 'secret.key'));
  const log = createMemoryLogger();
  const s = webServices(dataDir, log);
  assert.equal(s.callLog, undefined);
  assert.equal(s.messages, undefined);
  const result = await s.dispatch('listRecentCalls', { limit: 1 });
  assert.ok(!result.ok);
  assert.match(result.error.message, /database key in database\.key could not be unwrapped/);
  assert.ok(log.lines.some((l) => l.includes('storage.key-unavailable')));
  assert.ok((await s.dispatch('getSettings', undefined)).ok, 'the rest of the console works');
  assert.ok((await s.dispatch('directorySearch', { query: 'anna' })).ok, 'the directory answers, from a cache sealed for this run only');
  assert.equal(fileKind(path.join(dataDir, 'directory.this-run.sqlite')), 'sealed');
  s.close();
  assert.equal(sha(path.join(dataDir, 'directory.sqlite')), cacheBefore, 'the sealed directory cache is kept for when the key is back');
  assert.equal(sha(db), before, 'the sealed file was not touched, nor replaced by a plaintext one');
  assert.equal(fileKind(db), 'sealed');

  // The key file itself lost: no new key is made over files sealed with the old one.
  fs.rmSync(databaseKeyFile(dataDir));
  const lost = webServices(dataDir);
  const refused = await lost.dispatch('listRecentCalls', { limit: 1 });
  assert.match(!refused.ok ? refused.error.message : '', /database\.key is missing, but vaxel\.sqlite and directory\.sqlite are sealed with it/);
  lost.close();
  assert.ok(!fs.existsSync(databaseKeyFile(dataDir)), 'no new key was made');
  assert.equal(sha(db), before);

  fs.writeFileSync(databaseKeyFile(dataDir), '{"v":1,"cipher":');
  assert.throws(() => loadOrCreateDatabaseKey(databaseKeyFile(dataDir), createKeyFileCipher(path.join(dataDir, 'secret.key')), log), /key file database\.key is damaged/);
});

test('an existing plaintext database is sealed in place on first open: readable, the old plaintext bytes gone', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'vaxel.sqlite');
  const log = createMemoryLogger();
  // Written the way earlier versions wrote it: no key.
  const old = openCallLog({ key: null, file, log, operator: () => 'op1' }).callLog;
  for (let i = 0; i < 200; i++) old.record({ callId: `p${i}`, kind: 'offered', at: T0 + i * 1000, dialledNumber: DIALLED });
  old.close();
  const messages = openMessages({ key: null, file, log, operator: () => 'op1', resolveEmployee: async () => EMPLOYEE });
  return messages.send(message).then(() => {
    messages.close();
    assert.equal(fileKind(file), 'plaintext');
    assert.ok(findInFiles(dir, NEEDLES).length > 0, 'the old file has the number and text in clear (the test can see them)');

    const key = randomKey();
    const { callLog } = openCallLog({ file, log, operator: () => 'op1', key });
    assert.equal(fileKind(file), 'sealed');
    assert.equal(callLog.stats({ from: T0, to: T0 + 3_600_000 }).offered, 200, 'every call is still there');
    const outbox = openMessages({ file, log, operator: () => 'op1', resolveEmployee: async () => EMPLOYEE, key });
    assert.equal(outbox.outbox.view(message.id as string)?.text, message.text);
    outbox.close();
    callLog.close();
    assert.deepEqual(findInFiles(dir, NEEDLES), [], 'no plaintext left in any file of the folder');
    assert.ok(!fs.existsSync(sealingPathFor(file)), 'no temporary copy left');
    assert.ok(log.lines.some((l) => l.includes('storage.sealed')));
  });
});

test('kill -9 in the middle of sealing leaves the plaintext file whole; the next open seals it', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'vaxel.sqlite');
  const log = createMemoryLogger();
  const old = openCallLog({ key: null, file, log, operator: () => 'op1' }).callLog;
  for (let i = 0; i < 50; i++) old.record({ callId: `m${i}`, kind: 'offered', at: T0 + i * 1000, dialledNumber: DIALLED });
  old.close();
  const key = randomKey();
  // The child seals a copy and dies (SIGKILL, no cleanup) just before the rename would replace the original.
  const child = `
    import { openDatabase } from ${JSON.stringify(path.resolve('main/services/storage/index.ts'))};
    import { createMemoryLogger } from ${JSON.stringify(path.resolve('main/services/log/logger.ts'))};
    openDatabase({ file: ${JSON.stringify(file)}, log: createMemoryLogger(), key: ${JSON.stringify(key)},
      sealHooks: { beforeRename: () => process.kill(process.pid, 'SIGKILL') } });
    process.stdout.write('not killed');
  `;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_c, s) => resolve(s)));
  assert.equal(signal, 'SIGKILL', `${out} ${err}`);
  assert.equal(fileKind(sealingPathFor(file)), 'sealed', 'the sealed copy was complete when the process died');
  assert.equal(fileKind(file), 'plaintext', 'the original is still the old file');
  // The original opens as before, with every row (the WAL was folded into it before the copy).
  fs.copyFileSync(file, path.join(dir, 'inspect.sqlite'));
  const inspect = openCallLog({ key: null, file: path.join(dir, 'inspect.sqlite'), log, operator: () => 'op1' }).callLog;
  assert.equal(inspect.stats({ from: T0, to: T0 + 3_600_000 }).offered, 50);
  inspect.close();

  const { callLog } = openCallLog({ file, log, operator: () => 'op1', key });
  assert.equal(fileKind(file), 'sealed');
  assert.equal(callLog.stats({ from: T0, to: T0 + 3_600_000 }).offered, 50);
  callLog.close();
  assert.ok(!fs.existsSync(sealingPathFor(file)), 'the leftover copy was removed');
  assert.deepEqual(
    findInFiles(dir, NEEDLES).filter((h) => !h.startsWith('inspect.sqlite')),
    [],
    "only the test's own plaintext copy has them",
  );
});

test('every migration runs on a sealed file, and retention still deletes expired messages there', async () => {
  const file = path.join(tmpDir(), 'vaxel.sqlite');
  const log = createMemoryLogger();
  const key = randomKey();
  const { db, version } = openDatabase({ file, log, key });
  assert.equal(version, migrations.length);
  assert.equal(userVersion(db), migrations.length);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
  let now = T0;
  const service = openMessages({ file, log, operator: () => 'op1', resolveEmployee: async () => EMPLOYEE, key, now: () => now });
  await service.send(message);
  assert.ok(service.outbox.view(message.id as string));
  now += 400 * 86_400_000; // past any retention the settings allow
  assert.equal(service.outbox.purgeExpired(), 1);
  assert.equal(service.outbox.view(message.id as string), null);
  service.close();
});

test('the directory cache is sealed too: no employee name, number or notice text in its files; the worker syncs through the key', async () => {
  const dataDir = tmpDir();
  const s = webServices(dataDir);
  assert.ok((await s.dispatch('saveSettings', sampleSettings())).ok);
  const head = 'Anställnings-id;Förnamn;Efternamn;Kommun;Enhet;Förvaltning;Anknytning;Mobil;Skyddad identitet\n';
  assert.ok((await s.dispatch('directoryImportCsv', { text: `${head}ES1;Ingegerd;Skyddadsson;Essunga;Kansli;Kommunledningsförvaltningen;2001;070-555 44 33;Ja\n` })).ok);
  const units = await s.dispatch('directoryUnits', undefined);
  assert.ok(units.ok);
  const kansli = (units.value as { id: string; name: string }[]).find((u) => u.name === 'Kansli')!;
  assert.ok((await s.dispatch('directoryAddNotice', { unitId: kansli.id, text: 'Hemtjänsten nås på 0512-570 77 under flytten' })).ok);
  const csvPath = path.join(dataDir, 'personal.csv');
  fs.writeFileSync(csvPath, `${head}ES2;Bertil;Sekretessberg;Essunga;Kansli;Kommunledningsförvaltningen;2002;070-555 44 34;Nej\n`);
  assert.ok((await s.settings.save({ ...sampleSettings(), directory: { kind: 'csv', path: csvPath } })).status === 'ok');
  const synced = await s.dispatch('directorySyncNow', undefined);
  assert.ok(synced.ok && (synced.value as { ok: boolean }).ok, JSON.stringify(synced));
  const hits = await s.dispatch('directorySearch', { query: 'Sekretessberg' });
  assert.ok(hits.ok && (hits.value as unknown[]).length === 1, 'the worker wrote the sealed cache and main reads it');
  fs.rmSync(csvPath);
  const needles = ['Skyddadsson', 'Ingegerd', 'Sekretessberg', '070-555 44 33', '0705554433', 'Hemtjänsten', '0512-570 77'];
  const cache = path.join(dataDir, 'directory.sqlite');
  assert.equal(fileKind(cache), 'sealed');
  assert.deepEqual(findInFiles(dataDir, needles), [], 'while open');
  s.close();
  assert.deepEqual(findInFiles(dataDir, needles), [], 'after close');
});

test('no main-process file but storage/sealed.ts loads an SQLite driver: every database opens through the sealed opener', () => {
  const offenders: string[] = [];
  for (const entry of fs.readdirSync('main', { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|mts|js|mjs)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file === path.join('main', 'services', 'storage', 'sealed.ts')) continue;
    const source = fs.readFileSync(file, 'utf8');
    // A value import or a require of either driver (type-only imports carry no code).
    if (/^\s*import\s+(?!type\b)[^;]*from\s+'better-sqlite3(-multiple-ciphers)?'|require\(\s*'better-sqlite3/m.test(source)) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
