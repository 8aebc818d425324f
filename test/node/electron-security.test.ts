// What the Electron window may be granted, and the packaging configuration IT installs from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { isDevicePermissionAllowed, isPermissionAllowed, isTelephonyHid } from '../../main/services/security/permissions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ours = 'file:///opt/V%C3%A4xel/resources/app.asar/out/renderer/index.html';

test('permissions: only our page, only media (audio), speaker choice, notifications and HID', () => {
  for (const p of ['media', 'speaker-selection', 'notifications', 'hid']) assert.equal(isPermissionAllowed(p, ours, ours), true, p);
  assert.equal(isPermissionAllowed('media', ours, ours, ['audio']), true);
  assert.equal(isPermissionAllowed('media', ours, ours, ['audio', 'video']), false, 'no camera');
  for (const p of ['geolocation', 'clipboard-read', 'openExternal', 'usb', 'serial', 'midi', 'pointerLock']) assert.equal(isPermissionAllowed(p, ours, ours), false, p);
  assert.equal(isPermissionAllowed('media', 'https://evil.example/', ours), false, 'another origin');
  assert.equal(isPermissionAllowed('media', 'file:///tmp/other.html', ours), false, 'another file');
  assert.equal(isPermissionAllowed('media', undefined, ours), false);
  assert.equal(isPermissionAllowed('notifications', 'file://', ours), true, "Electron's origin for our file:// page");
});

test('HID: only devices with a telephony (0x0B) collection, for our page', () => {
  const headset = { collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }] };
  const keyboard = { collections: [{ usagePage: 0x01 }] };
  assert.equal(isTelephonyHid(headset), true);
  assert.equal(isTelephonyHid(keyboard), false);
  assert.equal(isTelephonyHid({}), false);
  assert.equal(isDevicePermissionAllowed('hid', headset, 'file://', ours), true);
  assert.equal(isDevicePermissionAllowed('hid', keyboard, 'file://', ours), false);
  assert.equal(isDevicePermissionAllowed('usb', headset, 'file://', ours), false);
  assert.equal(isDevicePermissionAllowed('hid', headset, 'https://evil.example', ours), false);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked against electron-builder's own schema below
const builderConfig = () => yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

test("electron-builder.yml passes electron-builder's own schema", async () => {
  const require = createRequire(path.join(root, 'package.json'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util/out/DebugLogger.js');
  await validateConfiguration(builderConfig(), new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...builderConfig(), nsis: { perMachine: 'yes' } }, new DebugLogger(false)), 'the check can fail');
});

test('targets, per-machine installers, fuses and the internal update feed', () => {
  const cfg = builderConfig();
  assert.deepEqual(cfg.win.target, ['nsis', 'msi']);
  assert.deepEqual(cfg.linux.target, ['AppImage', 'deb']);
  assert.equal(cfg.nsis.perMachine, true);
  assert.equal(cfg.msi.perMachine, true);
  assert.deepEqual(cfg.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
  });
  assert.equal(cfg.publish.provider, 'generic');
  assert.match(cfg.publish.url, /\$\{env\.VAXEL_UPDATE_URL\}/);
  assert.ok(cfg.files.includes('assets/**'));
});

const pngSize = (file: string) => {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

test('assets: icons in every size, a Windows .ico, tray icons and the ring tone', () => {
  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) assert.deepEqual(pngSize(path.join(root, `assets/icons/${size}x${size}.png`)), [size, size]);
  assert.deepEqual(pngSize(path.join(root, 'assets/icon.png')), [1024, 1024]);
  const ico = fs.readFileSync(path.join(root, 'assets/icon.ico'));
  assert.equal(ico.readUInt16LE(2), 1, 'an icon resource');
  assert.ok(ico.readUInt16LE(4) >= 6, 'several sizes inside');
  for (const state of ['registered', 'unregistered', 'ringing']) {
    assert.deepEqual(pngSize(path.join(root, `assets/tray/${state}.png`)), [16, 16]);
    assert.deepEqual(pngSize(path.join(root, `assets/tray/${state}@2x.png`)), [32, 32]);
  }
  const wav = fs.readFileSync(path.join(root, 'assets/sounds/ring.wav'));
  assert.equal(wav.subarray(0, 4).toString() + wav.subarray(8, 12).toString(), 'RIFFWAVE');
  assert.equal(wav.readUInt32LE(24), 16000, 'sample rate');
  assert.ok(wav.readUInt32LE(40) > 16000 * 2, 'more than a second of sound');
});
