// When the card shows a notice (P-CHANGES): from validFrom through validTo, and the next instant
// the card must look again (the renderer's timer), so a notice comes and goes at its minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeNotices, isNoticeActive, nextNoticeBoundary } from '../../common/directory/noticeValidity';
import type { Notice } from '../../common/directory/model';

const at = (iso: string) => Date.parse(iso);
const n = (id: string, validFrom?: string, validTo?: string): Notice => ({ id, text: id, ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}) });

test('a notice shows from its start through its end minute, and not a millisecond after', () => {
  const lunch = n('lunch', '2026-12-04T11:00:00Z', '2026-12-04T12:00:00Z');
  assert.equal(isNoticeActive(lunch, at('2026-12-04T10:59:59.999Z')), false);
  assert.equal(isNoticeActive(lunch, at('2026-12-04T11:00:00Z')), true);
  assert.equal(isNoticeActive(lunch, at('2026-12-04T12:00:00Z')), true);
  assert.equal(isNoticeActive(lunch, at('2026-12-04T12:00:00.001Z')), false);
  assert.equal(isNoticeActive(n('open'), at('2030-01-01T00:00:00Z')), true, 'no period: until removed');
  assert.deepEqual(
    activeNotices([lunch, n('open'), n('later', '2026-12-05T00:00:00Z')], at('2026-12-04T11:30:00Z')).map((x) => x.id),
    ['lunch', 'open'],
  );
});

test('the next boundary is the nearest start or end after now; none when nothing changes', () => {
  const list = [n('lunch', '2026-12-04T11:00:00Z', '2026-12-04T12:00:00Z'), n('later', '2026-12-05T08:00:00Z'), n('open')];
  assert.equal(nextNoticeBoundary(list, at('2026-12-04T10:00:00Z')), at('2026-12-04T11:00:00Z'));
  assert.equal(nextNoticeBoundary(list, at('2026-12-04T11:00:00Z')), at('2026-12-04T12:00:00Z') + 1, 'just after the end minute');
  assert.equal(nextNoticeBoundary(list, at('2026-12-04T12:30:00Z')), at('2026-12-05T08:00:00Z'));
  assert.equal(nextNoticeBoundary(list, at('2026-12-06T00:00:00Z')), undefined);
  assert.equal(nextNoticeBoundary([], 0), undefined);
});
