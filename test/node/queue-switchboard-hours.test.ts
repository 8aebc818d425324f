// The queue's open/closed line per municipality (issue 12 item 1): Swedish words, Stockholm time,
// the weekday only when the next change is not today, and the refresh at the next change or 60 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sv } from '../../common/i18n';
import type { MunicipalitySwitchboardStatus } from '../../common/switchboard/ipc';
import { hoursLine, nextRefreshIn } from '../../renderer/features/queue/switchboard-hours';

const svT = (key: string, values: Record<string, string> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], sv) as string;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
};
const at = (iso: string) => Date.parse(iso);
const status = (patch: Partial<MunicipalitySwitchboardStatus>): MunicipalitySwitchboardStatus => ({
  municipality: 'essunga',
  open: true,
  closedBy: null,
  nextChange: null,
  nightService: null,
  ...patch,
});

test('open: "Öppet, Stänger 16.30" in Stockholm time (summer, UTC+2)', () => {
  const line = hoursLine(status({ nextChange: at('2026-06-10T14:30:00Z') }), at('2026-06-10T08:00:00Z'), svT);
  assert.equal(line, 'Essunga: Öppet, Stänger 16.30');
});

test('closed over the weekend: "Stängt enligt schema, Öppnar 08.00 mån"; closed in the morning of the same day: no weekday', () => {
  // Friday 2026-12-04 17:00 Stockholm (UTC+1) → Monday 08.00
  const weekend = hoursLine(status({ municipality: 'grastorp', open: false, closedBy: 'schedule', nextChange: at('2026-12-07T07:00:00Z') }), at('2026-12-04T16:00:00Z'), svT);
  assert.equal(weekend, 'Grästorp: Stängt enligt schema, Öppnar 08.00 mån');
  const morning = hoursLine(status({ open: false, closedBy: 'schedule', nextChange: at('2026-12-07T07:00:00Z') }), at('2026-12-07T06:00:00Z'), svT);
  assert.equal(morning, 'Essunga: Stängt enligt schema, Öppnar 08.00');
});

test('night service with no scheduled change says so and gives no time', () => {
  assert.equal(hoursLine(status({ open: false, closedBy: 'night-service' }), at('2026-12-07T10:00:00Z'), svT), 'Essunga: Stängt (nattkoppling)');
});

test('the status is read again just after the earliest next change, and at least every 60 s', () => {
  const now = at('2026-12-07T10:00:00Z');
  assert.equal(nextRefreshIn([status({ nextChange: now + 20_000 }), status({ nextChange: now + 40_000 })], now), 20_500);
  assert.equal(nextRefreshIn([status({ nextChange: now + 3_600_000 })], now), 60_000);
  assert.equal(nextRefreshIn([status({ nextChange: null }), status({ nextChange: now - 5 })], now), 60_000);
});
