// The decisions behind the console in the background (issue 15 point 2): accelerators, tray text,
// notification and taskbar flash, tel:/sip: links. Electron only shows what these decide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccelerator, planShortcuts } from '../../common/desktop/accelerator';
import { notificationText, shouldFlash, shouldNotify, trayText } from '../../common/desktop/attention';
import { dialLinkFromArgv, parseDialLink } from '../../common/desktop/dialLink';
import { GlobalShortcuts } from '../../common/settings/schema';

test('accelerators are normalised, and typos or typing keys are refused with a reason', () => {
  assert.deepEqual(checkAccelerator('ctrl+alt+f2'), { ok: true, accelerator: 'Control+Alt+F2' });
  assert.deepEqual(checkAccelerator('CmdOrCtrl+Shift+Space'), { ok: true, accelerator: 'CommandOrControl+Shift+Space' });
  assert.deepEqual(checkAccelerator('Control++'), { ok: true, accelerator: 'Control+Plus' });
  assert.deepEqual(checkAccelerator('F13'), { ok: true, accelerator: 'F13' });
  for (const bad of ['A', 'Shift+A', 'F2', 'Ctrl+Alt', 'Ctrl+Hyper+A', 'Ctrl+Ctrl+A', 'Ctrl+F25', 'Ctrl++A', '']) {
    const check = checkAccelerator(bad);
    assert.equal(check.ok, false, `${bad} is refused`);
    assert.ok(!check.ok && check.reason.length > 5);
  }
});

test('the shortcut plan registers valid distinct keys and reports the rest', () => {
  const defaults = planShortcuts(GlobalShortcuts.parse({}));
  assert.deepEqual(
    defaults.register.map((r) => r.action),
    ['answer', 'hangup', 'hold', 'mute'],
  );
  assert.deepEqual(defaults.problems, []);
  const plan = planShortcuts({ answer: 'Ctrl+Alt+A', hangup: 'control+alt+a', hold: 'Q', mute: '' });
  assert.deepEqual(plan.register, [{ action: 'answer', accelerator: 'Control+Alt+A' }]);
  assert.deepEqual(
    plan.problems.map((p) => [p.action, /same key as answer/.test(p.reason) || /needs Control/.test(p.reason)]),
    [
      ['hangup', true],
      ['hold', true],
    ],
  );
});

test('tray text: registration and waiting callers, no caller data, both languages', () => {
  assert.deepEqual(trayText({ registered: true, waiting: 0 }), { tooltip: 'Växel – Registrerad', title: '', icon: 'registered' });
  assert.deepEqual(trayText({ registered: true, waiting: 3 }), { tooltip: 'Växel – Registrerad – 3 väntande', title: '3', icon: 'ringing' });
  assert.equal(trayText({ registered: false, waiting: 0 }, 'en').tooltip, 'Växel – Not registered');
  assert.equal(trayText({ registered: false, waiting: 0 }).icon, 'unregistered');
});

test('notification and taskbar flash only while the window is not in front', () => {
  const front = { focused: true, visible: true, minimized: false };
  const back = { focused: false, visible: true, minimized: false };
  const hidden = { focused: false, visible: false, minimized: true };
  const idle = { registered: true, waiting: 0 };
  const one = { registered: true, waiting: 1 };
  assert.equal(shouldNotify(idle, one, back), true);
  assert.equal(shouldNotify(idle, one, hidden), true);
  assert.equal(shouldNotify(idle, one, front), false, 'the operator sees it already');
  assert.equal(shouldNotify(one, one, back), false, 'the same caller is not announced twice');
  assert.equal(shouldNotify({ ...one, waiting: 2 }, one, back), false, 'a caller answered elsewhere');
  assert.equal(shouldFlash(one, back), true);
  assert.equal(shouldFlash(one, front), false);
  assert.equal(shouldFlash(idle, back), false, 'flashing stops when nobody rings');
});

test('tel: and sip: links become dial-out requests; anything else is ignored', () => {
  assert.deepEqual(parseDialLink('tel:+46 70-123 45 67'), { target: '+46701234567', scheme: 'tel' });
  assert.deepEqual(parseDialLink('tel:%2B46%2070-123%2045%2067'), { target: '+46701234567', scheme: 'tel' });
  assert.deepEqual(parseDialLink('tel:0512-570 00;phone-context=+46'), { target: '051257000', scheme: 'tel' });
  assert.deepEqual(parseDialLink('callto://0701234567'), { target: '0701234567', scheme: 'tel' });
  assert.deepEqual(parseDialLink('sip:2001@domain'), { target: 'sip:2001@domain', scheme: 'sip' });
  assert.deepEqual(parseDialLink('SIP:2001@pbx.example:5060;transport=ws?Subject=x'), { target: 'sip:2001@pbx.example:5060', scheme: 'sip' });
  for (const bad of ['https://example.com', 'tel:', 'tel:abc', 'sip:@x', 'sip:2001', 'tel:%E0%A4%A', `tel:${'1'.repeat(600)}`, 'javascript:alert(1)']) {
    assert.equal(parseDialLink(bad), null, bad);
  }
});

test('the link is found on a second instance command line, past the flags', () => {
  const argv = ['C:\\Program Files\\Växel\\Växel.exe', '--allow-file-access-from-files', '--', 'tel:+46 70-123 45 67'];
  assert.deepEqual(dialLinkFromArgv(argv), { target: '+46701234567', scheme: 'tel' });
  assert.equal(dialLinkFromArgv(['/usr/bin/vaxel', '.']), null);
});

test('the notification names no caller, in either language; the tray counts one waiting caller in the singular', () => {
  assert.deepEqual(notificationText(), { title: 'Växel', body: 'Växel har ett inkommande samtal' });
  assert.equal(notificationText('en').body, 'Växel has an incoming call');
  assert.equal(trayText({ registered: true, waiting: 1 }, 'en').tooltip, 'Växel – Registered – 1 waiting');
  assert.equal(shouldNotify({ registered: true, waiting: 1 }, { registered: true, waiting: 2 }, { focused: true, visible: true, minimized: true }), true, 'a minimised window is not in front');
});

test('sips: and callto: links, and what a link may not carry into the dial-out', () => {
  assert.deepEqual(parseDialLink('sips:vaxel@kommun.se'), { target: 'sips:vaxel@kommun.se', scheme: 'sip' });
  assert.deepEqual(parseDialLink('  tel:*21#  '), { target: '*21#', scheme: 'tel' });
  for (const bad of ['sip:2001@pbx example', 'sip:a@b@c', 'tel:+46 70 123 45 67\nsip:x@y', 'tel:1', 'sip:<script>@x']) assert.equal(parseDialLink(bad), null, bad);
  assert.equal(dialLinkFromArgv(['vaxel', '--open-url=tel:0701234567']), null, 'a flag is never read as a link');
  assert.deepEqual(dialLinkFromArgv(['vaxel', 'https://x', 'sip:2001@pbx.example']), { target: 'sip:2001@pbx.example', scheme: 'sip' }, 'the first usable link');
});

test('global shortcut settings: an empty string turns one off; invalid settings are refused by the schema', () => {
  const plan = planShortcuts(GlobalShortcuts.parse({ answer: '', hangup: 'Control+Alt+H', hold: 'alt+f4', mute: 'Ctrl+V' }));
  assert.ok(!plan.register.some((r) => r.action === 'answer'), 'answer is off');
  assert.deepEqual(plan.register, [{ action: 'hangup', accelerator: 'Control+Alt+H' }]);
  assert.deepEqual(
    plan.problems.map((p) => [p.action, /reserved/.test(p.reason)]),
    [
      ['hold', true],
      ['mute', true],
    ],
    'close-window and paste stay with the other programs',
  );
  assert.ok(!GlobalShortcuts.safeParse({ answer: 42 }).success);
  assert.ok(!GlobalShortcuts.safeParse({ answer: 'x'.repeat(200) }).success, 'an over-long accelerator');
});

test('the Electron headset chooser: telephony devices only, each once; several are put to the operator by name', async () => {
  const { headsetChoices, pickHeadset } = await import('../../common/desktop/hidChoice');
  const telephony = [{ usagePage: 0x0c }, { usagePage: 0x0b }];
  const offered = [
    { deviceId: 'kbd', name: 'USB Keyboard', vendorId: 0x046d, productId: 0xc31c, collections: [{ usagePage: 0x01 }] },
    { deviceId: 'bw1', name: 'Plantronics Blackwire 3220 Series', vendorId: 0x047f, productId: 0xc056, collections: telephony },
    { deviceId: 'bw1', name: 'Plantronics Blackwire 3220 Series', vendorId: 0x047f, productId: 0xc056, collections: telephony }, // another collection of the same device
    { deviceId: 'bw2', name: 'Plantronics Blackwire 3220 Series', vendorId: 0x047f, productId: 0xc056, collections: telephony },
    { deviceId: 'anon', name: '  ', vendorId: 0x0b0e, productId: 0x4052, collections: [{ usagePage: 0x0b }] },
  ];
  const choices = headsetChoices(offered);
  assert.deepEqual(choices, [
    { deviceId: 'bw1', label: 'Plantronics Blackwire 3220 Series (1)' },
    { deviceId: 'bw2', label: 'Plantronics Blackwire 3220 Series (2)' },
    { deviceId: 'anon', label: 'USB 0b0e:4052' },
  ]);
  const asked: string[][] = [];
  assert.equal(await pickHeadset(choices, async (labels) => (asked.push(labels), 1)), 'bw2', 'the one the operator picked');
  assert.equal(await pickHeadset(choices, async () => -1), null, 'cancelled: nothing granted');
  assert.equal(await pickHeadset(choices, async () => 7), null, 'an answer out of range grants nothing');
  assert.equal(await pickHeadset(headsetChoices(offered.slice(0, 2)), async () => assert.fail('one headset is not asked about')), 'bw1');
  assert.equal(await pickHeadset(headsetChoices(offered.slice(0, 1)), async () => 0), null, 'no telephony device: none');
  assert.equal(asked.length, 1);
});
