// The RFC 4662 list NOTIFY reader: multipart/related bodies split on their boundary (any position of
// the root part, transport padding, epilogue), RLMI full and partial state, resource states, the
// version order of one list subscription (a gap, a repeat or a partial before any full asks for a
// refresh) and malformed or hostile bodies refused as a whole with a code that quotes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNotify, parseRlmiNotify, RlmiSequence, splitMultipart, headerParam } from '../../common/presence/index.js';
import { rlmiBody } from '../support/rlmi-body.js';

const D = '127.0.0.1';
const LIST = `sip:rl-all@${D}`;

test('a full-state list NOTIFY gives every resource with its part, by Content-ID', () => {
  const { contentType, body } = rlmiBody({
    listUri: LIST,
    domain: D,
    version: 0,
    full: true,
    resources: [
      { ext: '2001', state: 'ringing' },
      { ext: '2002', state: 'busy' },
      { ext: '2003', state: 'idle' },
      { ext: '2004', instanceState: 'pending' },
    ],
  });
  const r = parseRlmiNotify(contentType, body);
  assert.ok(r.ok);
  assert.equal(r.notify.listUri, LIST);
  assert.equal(r.notify.version, 0);
  assert.equal(r.notify.full, true);
  assert.deepEqual(
    r.notify.resources.map((x) => [x.ext, x.state, x.part ? 'part' : 'none']),
    [
      ['2001', 'active', 'part'],
      ['2002', 'active', 'part'],
      ['2003', 'active', 'part'],
      ['2004', 'pending', 'none'],
    ],
  );
  const lamps = parseNotify({ key: 'list:dialog:rl-all', event: 'dialog', kind: 'list', contentType, body });
  assert.equal(lamps.rejected, null);
  assert.deepEqual(
    lamps.changes.map((c) => (c.event === 'dialog' ? [c.ext, c.lamp] : [])),
    [
      ['2001', 'ringing'],
      ['2002', 'busy'],
      ['2003', 'idle'],
      ['2004', 'unknown'],
    ],
  );
});

test('a partial state carries only the resources that changed', () => {
  const { contentType, body } = rlmiBody({ listUri: LIST, domain: D, version: 7, full: false, resources: [{ ext: '3001', state: 'busy' }] });
  const r = parseNotify({ key: 'k', event: 'dialog', kind: 'list', contentType, body });
  assert.equal(r.full, false);
  assert.equal(r.version, 7);
  assert.deepEqual(
    r.changes.map((c) => c.ext),
    ['3001'],
  );
});

test('presence parts give absences; an empty PIDF part means available', () => {
  const pidf =
    '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:2001@127.0.0.1"><dm:person id="p"><rpid:activities><rpid:lunch/></rpid:activities></dm:person></presence>';
  const { contentType, body } = rlmiBody({
    listUri: LIST,
    domain: D,
    version: 1,
    full: true,
    resources: [
      { ext: '2001', pidf },
      { ext: '2002', pidf: '' },
    ],
  });
  const r = parseNotify({ key: 'k', event: 'presence', kind: 'list', contentType, body });
  assert.deepEqual(
    r.changes.map((c) => (c.event === 'presence' ? [c.ext, c.absence?.code ?? null] : [])),
    [
      ['2001', 'lunch'],
      ['2002', null],
    ],
  );
});

test('an active presence resource without a part is available; a dialog one without a part says nothing', () => {
  const b = 'b1';
  const rlmi =
    '<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@d" version="2" fullState="false"><resource uri="sip:2001@d"><instance id="1" state="active"/></resource><resource uri="sip:2002@d"/></list>';
  const body = `--${b}\r\nContent-Type: application/rlmi+xml\r\n\r\n${rlmi}\r\n--${b}--\r\n`;
  const ct = `multipart/related;type="application/rlmi+xml";boundary=${b}`;
  const presence = parseNotify({ key: 'k', event: 'presence', kind: 'list', contentType: ct, body });
  assert.deepEqual(presence.changes, [{ ext: '2001', event: 'presence', absence: null, version: -1 }]);
  assert.deepEqual(presence.named, ['2001', '2002']);
  assert.deepEqual(parseNotify({ key: 'k', event: 'dialog', kind: 'list', contentType: ct, body }).changes, []);
});

test('multipart boundaries: root not first (start=), padding after the delimiter, preamble and epilogue', () => {
  const b = 'x-b';
  const dlg =
    '<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:2001@d"><dialog id="a" direction="recipient"><state>confirmed</state></dialog></dialog-info>';
  const rlmi = '<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@d" version="3" fullState="true"><resource uri="sip:2001@d"><instance id="1" state="active" cid="p1@d"/></resource></list>';
  const body = `preamble to ignore\r\n--${b}  \r\nContent-ID: <p1@d>\r\nContent-Type: application/dialog-info+xml\r\n\r\n${dlg}\r\n--${b}\r\nContent-Type: application/rlmi+xml\r\nContent-ID: <root@d>\r\n\r\n${rlmi}\r\n--${b}--\r\nepilogue`;
  const r = parseRlmiNotify(`multipart/related; type="application/rlmi+xml"; start="<root@d>"; boundary=${b}`, body);
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.notify.version, 3);
  assert.equal(r.notify.resources[0]!.part?.body, dlg);
  assert.equal(headerParam('multipart/related;boundary="a;b"', 'boundary'), 'a;b');
  assert.equal(splitMultipart('no delimiter here', 'zz'), null);
});

test('one list subscription applies versions in order; a gap, a repeat or a partial first asks for a refresh', () => {
  const s = new RlmiSequence();
  assert.equal(s.step(1, false), 'refresh', 'a partial before any full state');
  assert.equal(s.step(0, true), 'apply');
  assert.equal(s.step(1, false), 'apply');
  assert.equal(s.step(2, false), 'apply');
  assert.equal(s.step(2, false), 'refresh', 'a repeat');
  assert.equal(s.step(4, false), 'refresh', 'a gap (3 is missing)');
  assert.equal(s.step(1, true), 'refresh', 'an older full state');
  assert.equal(s.step(5, true), 'apply', 'a newer full state is authoritative');
  assert.equal(s.step(6, true), 'apply', 'a full state split over several NOTIFYs');
  assert.equal(s.step(7, false), 'apply');
  s.reset();
  assert.equal(s.step(0, true), 'apply', 'a new subscription starts again');
});

test('malformed and hostile list bodies are refused whole, with a code and nothing of the body', () => {
  const good = rlmiBody({ listUri: LIST, domain: D, version: 1, full: true, resources: [{ ext: '2001', state: 'busy' }] });
  const cases: [string, string, string][] = [
    ['no boundary parameter', 'multipart/related;type="application/rlmi+xml"', good.body],
    ['wrong boundary', good.contentType.replace('UniqueVaxelBoundary', 'Other'), good.body],
    ['not multipart', 'application/rlmi+xml', good.body],
    ['root is not RLMI', good.contentType, good.body.replace('application/rlmi+xml', 'text/plain')],
    ['truncated RLMI', good.contentType, good.body.replace('</list>', '')],
    ['entity declaration', good.contentType, good.body.replace('<list ', '<!DOCTYPE list [<!ENTITY a "Karin Ek 070-1234567">]><list ')],
    ['no version', good.contentType, good.body.replace(/version="1" fullState/, 'fullState')],
    ['no fullState', good.contentType, good.body.replace(/fullState="true"/, '')],
    ['too large', good.contentType, good.body + 'x'.repeat(300 * 1024)],
    ['too many parts', good.contentType, `--UniqueVaxelBoundary\r\n\r\nx\r\n`.repeat(1200) + good.body],
  ];
  for (const [what, ct, body] of cases) {
    const r = parseNotify({ key: 'k', event: 'dialog', kind: 'list', contentType: ct, body });
    assert.notEqual(r.rejected, null, `${what}: not rejected`);
    assert.equal(r.changes.length, 0, `${what}: changed a lamp`);
    assert.doesNotMatch(JSON.stringify(r), /Karin|070/, `${what}: body quoted`);
  }
});

test('a malformed part inside a good list body leaves only that resource alone', () => {
  const { contentType, body } = rlmiBody({
    listUri: LIST,
    domain: D,
    version: 1,
    full: true,
    resources: [
      { ext: '2001', state: 'busy' },
      { ext: '2002', state: 'ringing' },
    ],
  });
  const broken = body.replace(/(<dialog-info[^]*?entity="sip:2002@[^"]*">)/, '$1<unclosed>');
  const r = parseNotify({ key: 'k', event: 'dialog', kind: 'list', contentType, body: broken });
  assert.equal(r.rejected, null);
  assert.equal(r.partsRejected, 1);
  assert.deepEqual(
    r.changes.map((c) => c.ext),
    ['2001'],
  );
});
