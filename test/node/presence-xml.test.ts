// The hardened XML reader behind PIDF and dialog-info (common/presence/xml.ts): entity expansion
// and DOCTYPE refused, huge and deeply nested documents refused before they cost anything,
// malformed XML rejected with a reason (never a throw), any namespace prefix read by local name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPidf, parseDialogInfo, parsePidf, parseXml, XML_LIMITS, type XmlRejection } from '../../common/presence';

const rejection = (xml: string): XmlRejection => {
  const r = parseXml(xml);
  assert.equal(r.ok, false, `accepted: ${xml.slice(0, 80)}`);
  return r as XmlRejection;
};

const PIDF_NS = 'xmlns="urn:ietf:params:xml:ns:pidf"';

test('billion laughs: the DOCTYPE is refused, nothing is expanded', () => {
  let lol = '<!ENTITY lol0 "lol">';
  for (let i = 1; i < 10; i++) lol += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  const bomb = `<?xml version="1.0"?><!DOCTYPE presence [${lol}]><presence ${PIDF_NS}><note>&lol9;</note></presence>`;
  const r = rejection(bomb);
  assert.equal(r.code, 'doctype');
  assert.match(r.reason, /DOCTYPE/);
  const heard: XmlRejection[] = [];
  assert.equal(
    parsePidf(bomb, (x) => heard.push(x)),
    null,
  );
  assert.equal(heard[0]?.code, 'doctype');
  // external entities (XXE) likewise, and in any letter case
  assert.equal(rejection('<!doctype x SYSTEM "file:///etc/passwd"><x>&xxe;</x>').code, 'doctype');
});

test('an entity that is not one of the five predefined ones is malformed, not expanded', () => {
  const r = rejection(`<presence ${PIDF_NS}><note>&lol9;</note></presence>`);
  assert.equal(r.code, 'malformed');
  assert.match(r.reason, /entity/i);
  const ok = parseXml(`<a>&lt;&gt;&amp;&quot;&apos;&#229;&#xE4;</a>`);
  assert.equal(ok.ok && ok.root.text, `<>&"'åä`);
});

test('huge documents are refused by size before parsing; deep and wide ones by the caps', () => {
  const huge = `<presence ${PIDF_NS}><note>${'x'.repeat(XML_LIMITS.maxChars)}</note></presence>`;
  assert.equal(rejection(huge).code, 'too-large');
  assert.equal(parsePidf(huge), null);
  const deep = `${'<a>'.repeat(XML_LIMITS.maxDepth + 1)}${'</a>'.repeat(XML_LIMITS.maxDepth + 1)}`;
  assert.equal(rejection(deep).code, 'too-deep');
  const atDepth = `${'<a>'.repeat(XML_LIMITS.maxDepth)}${'</a>'.repeat(XML_LIMITS.maxDepth)}`;
  assert.equal(parseXml(atDepth).ok, true);
  const wide = `<dialog-info>${'<dialog/>'.repeat(XML_LIMITS.maxElements)}</dialog-info>`;
  assert.ok(wide.length < XML_LIMITS.maxChars);
  assert.equal(rejection(wide).code, 'too-many-elements');
  assert.equal(parseDialogInfo(wide), null);
});

test('malformed XML is rejected with a reason, never thrown', () => {
  const bad = [
    `<presence ${PIDF_NS}><tuple></presence>`, // mismatched close tag
    `<presence ${PIDF_NS}>`, // unclosed
    '<a b="1" b="2"/>', // duplicate attribute
    '<a b=1/>', // unquoted attribute
    '<a>x</a><b/>', // two roots
    '<a><</a>',
    'plain text, not XML',
    '\u0000<a/>',
  ];
  for (const xml of bad) {
    let r: ReturnType<typeof parseXml> | undefined;
    assert.doesNotThrow(() => (r = parseXml(xml)), xml);
    assert.equal(r?.ok, false, xml);
    if (r && !r.ok) {
      assert.equal(r.code, 'malformed', xml);
      assert.match(r.reason, /^malformed XML: \d+:\d+/, xml); // says where
    }
    assert.doesNotThrow(() => parsePidf(xml));
    assert.doesNotThrow(() => parseDialogInfo(xml));
  }
  assert.equal(rejection('').code, 'empty');
  assert.equal(rejection('   ').code, 'empty');
});

test('a BOM or white space before the XML declaration is tolerated', () => {
  const doc = buildPidf('sip:2001@x', { code: 'meeting', until: null, note: '' }, { now: 1000 });
  assert.equal(parsePidf(`\uFEFF\n  ${doc}`)?.absence?.code, 'meeting');
});

test('PIDF with prefixes other than the usual ones, and a default namespace on the person', () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:ietf:params:xml:ns:pidf:data-model" xmlns:act="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:2001@x">
  <p:tuple id="t1"><p:status><p:basic>closed</p:basic></p:status></p:tuple>
  <x:person id="p1"><act:activities until="2030-01-01T14:00:00Z"><act:other>sick</act:other></act:activities><x:note>Ring &amp; vänta</x:note><x:timestamp>2026-11-30T10:00:00Z</x:timestamp></x:person>
  <person xmlns="urn:ietf:params:xml:ns:pidf:data-model" id="p0"><activities xmlns="urn:ietf:params:xml:ns:pidf:rpid"><lunch/></activities><timestamp>2026-11-30T09:00:00Z</timestamp></person>
</p:presence>`;
  const parsed = parsePidf(doc);
  assert.equal(parsed?.basic, 'closed');
  assert.deepEqual(parsed?.absence, { code: 'sick', until: '2030-01-01T14:00:00Z', note: 'Ring & vänta' });
  assert.equal(parsed?.timestamp, Date.parse('2026-11-30T10:00:00Z'));
  // a CDATA note is text like any other
  assert.equal(parsePidf(doc.replace('Ring &amp; vänta', '<![CDATA[Ring <mobilen>]]>'))?.absence?.note, 'Ring <mobilen>');
  // not PIDF: null, not an error
  assert.equal(parsePidf('<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"/>'), null);
});

test('dialog-info with other prefixes, single-quoted attributes and a ringing dialog among several', () => {
  const doc = `<d:dialog-info xmlns:d="urn:ietf:params:xml:ns:dialog-info" version='12' state='partial' entity='sip:2001@x'>
  <d:dialog id="a" call-id="old@x" direction="initiator"><d:state>terminated</d:state></d:dialog>
  <d:dialog id="b" call-id="c2@x" local-tag="lt" remote-tag="rt" direction="recipient"><d:state>Early</d:state>
    <d:remote><d:identity>sip:0701234567@x</d:identity></d:remote><d:local><d:target uri="sip:2001@x"/></d:local></d:dialog>
</d:dialog-info>`;
  const info = parseDialogInfo(doc);
  assert.equal(info?.version, 12);
  assert.equal(info?.full, false);
  assert.equal(info?.entity, 'sip:2001@x');
  assert.equal(info?.lamp, 'ringing');
  assert.deepEqual(info?.dialog, { callId: 'c2@x', localTag: 'lt', remoteTag: 'rt', direction: 'recipient', remoteUri: 'sip:0701234567@x', localUri: 'sip:2001@x' });
});
