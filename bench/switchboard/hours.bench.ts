// Switchboard hours: what the console spends building the PBX state (42 days of closed intervals,
// both municipalities) and answering "open now, and until when?". Baseline in the same run: the
// bare library work under it, date-holidays' isHoliday() for every day of the same 42 days.
// Prints figures only; nothing passes or fails on timing.
import Holidays from 'date-holidays';
import { buildPbxState } from '../../common/switchboard/pbxState';
import { hoursStateAt } from '../../common/switchboard/schedule';
import { switchboardHours } from '../../common/switchboard/schema';

const hours = switchboardHours({});
const start = Date.parse('2026-06-18T16:00:00Z');
const numbers = { essunga: ['+4651257000'], grastorp: ['+4651458000'] };

function measure(label: string, runs: number, f: (i: number) => void): number {
  for (let i = 0; i < Math.min(20, runs); i++) f(i); // warm-up
  const t = performance.now();
  for (let i = 0; i < runs; i++) f(i);
  const ms = (performance.now() - t) / runs;
  console.log(`${label.padEnd(58)} ${ms.toFixed(3)} ms/op`);
  return ms;
}

const hd = new Holidays('SE', { timezone: 'Europe/Stockholm' });
const baseline = measure('baseline: date-holidays isHoliday() x 42 days', 200, (i) => {
  for (let d = 0; d < 42; d++) hd.isHoliday(new Date(start + (i + d) * 86_400_000));
});
const push = measure('buildPbxState: 42 days, 2 municipalities', 200, (i) => void buildPbxState({ hours, now: start + i * 3_600_000, numbers, nightService: {} }));
const state = measure('hoursStateAt (open now, next change)', 2000, (i) => void hoursStateAt(hours.essunga, start + i * 600_000));
console.log(`ratio buildPbxState / baseline: ${(push / baseline).toFixed(2)}; hoursStateAt / baseline: ${(state / baseline).toFixed(3)}`);
