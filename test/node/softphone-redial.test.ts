// The softphone keeps the operator's last dial-out target for the headset's Redial: in memory, not
// in any log, and a pick-up by prefix does not replace it. No SIP server runs here, so every dial
// ends 'failed' or 'no-target'; what is checked is which target each attempt used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSoftphoneStores, Softphone } from '../../renderer/sip';
import type { LogReport } from '../../common/ipc/contract';

function phone() {
  const logs: LogReport[] = [];
  const softphone = new Softphone({ stores: createSoftphoneStores(), log: (e) => logs.push(e), audio: { attach: async () => undefined, detach: () => undefined } });
  const tried: string[] = [];
  // Which target reached call control (the one seam below the public API).
  const control = (softphone as unknown as { control: { dial(target: string): Promise<string> } }).control;
  const dial = control.dial.bind(control);
  control.dial = (target: string) => {
    tried.push(target);
    return dial(target);
  };
  return { softphone, logs, tried };
}

test('redial before any dial-out has nothing to call', async () => {
  const { softphone, tried } = phone();
  assert.equal(softphone.canRedial, false);
  assert.equal(await softphone.redial(), 'no-target');
  assert.deepEqual(tried, []);
});

test('redial calls the last dial-out target again; a pick-up prefix dial does not replace it; nothing is logged with it', async () => {
  const { softphone, logs, tried } = phone();
  await softphone.dial(' 0701234567 ');
  await softphone.dial('   '); // an empty Enter is not a number to remember
  assert.equal(softphone.canRedial, true);
  await softphone.pickup('2001', null, '**');
  await softphone.redial();
  assert.deepEqual(tried, [' 0701234567 ', '   ', '**2001', '0701234567']);
  assert.ok(!JSON.stringify(logs).includes('0701234567'));
});
