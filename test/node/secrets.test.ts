import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryLogger } from '../../main/services/log/logger';
import { createKeyFileCipher } from '../../main/services/settings/keyFileCipher';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-secrets-'));

test('round trip; ciphertexts differ each time and do not contain the plain text', () => {
  const cipher = createKeyFileCipher(path.join(tmp(), 'secret.key'));
  const a = cipher.encrypt('lösenord');
  const b = cipher.encrypt('lösenord');
  assert.notEqual(a, b, 'a fresh IV per encryption');
  assert.doesNotMatch(a, /lösenord/);
  assert.equal(cipher.decrypt(a), 'lösenord');
});

test('the key persists in a 0600 file: a second cipher on the same file decrypts', () => {
  const key = path.join(tmp(), 'secret.key');
  const text = createKeyFileCipher(key).encrypt('x');
  assert.equal(createKeyFileCipher(key).decrypt(text), 'x');
  assert.equal(fs.readFileSync(key).length, 32);
  if (process.platform !== 'win32') assert.equal(fs.statSync(key).mode & 0o777, 0o600);
});

test('a different key, or tampered text, fails to decrypt', () => {
  const text = createKeyFileCipher(path.join(tmp(), 'secret.key')).encrypt('x');
  assert.throws(() => createKeyFileCipher(path.join(tmp(), 'secret.key')).decrypt(text));
  const cipher = createKeyFileCipher(path.join(tmp(), 'k'));
  const good = Buffer.from(cipher.encrypt('abcdef').slice(3), 'base64');
  good[good.length - 1]! ^= 1;
  assert.throws(() => cipher.decrypt('v1:' + good.toString('base64')));
  assert.throws(() => cipher.decrypt('plain'));
});

test('a damaged key file is moved aside, not overwritten', () => {
  const dir = tmp();
  const key = path.join(dir, 'secret.key');
  fs.writeFileSync(key, 'short');
  const log = createMemoryLogger();
  createKeyFileCipher(key, log);
  const backups = fs.readdirSync(dir).filter((f) => f.startsWith('secret.key.corrupt-'));
  assert.equal(backups.length, 1);
  assert.equal(fs.readFileSync(path.join(dir, backups[0]!), 'utf8'), 'short');
  assert.equal(fs.readFileSync(key).length, 32);
  assert.ok(log.lines.some((l) => l.includes('secrets.key-file-invalid')));
});
