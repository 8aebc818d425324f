// The hardened XML reader on the bodies a busy switchboard receives: a dialog-info NOTIFY (busy
// lamp) and an aggregated PIDF (absence), per document. Baseline: saxes alone on the same text
// with no handlers, so the ratio is what the caps, the element tree and the readers add.
// `npm run bench -- xml`. Prints figures; asserts nothing about time.
import { SaxesParser } from 'saxes';
import { buildPidf, parseDialogInfo, parsePidf } from '../../common/presence/index.js';

const DIALOG = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="3" state="full" entity="sip:2001@127.0.0.1">
  <dialog id="abc" call-id="c1@x" local-tag="lt" remote-tag="rt" direction="recipient">
    <state>early</state>
    <local><identity>sip:2001@127.0.0.1</identity><target uri="sip:2001@127.0.0.1"/></local>
    <remote><identity display="Caller">sip:0701234567@127.0.0.1</identity><target uri="sip:0701234567@127.0.0.1"/></remote>
  </dialog>
</dialog-info>`;
const older = buildPidf('sip:2001@x', { code: 'lunch', until: '2026-11-30T12:00:00Z', note: 'Ring mobilen' }, { now: 1000, id: 'a' });
const newer = buildPidf('sip:2001@x', { code: 'sick', until: null, note: '' }, { now: 2000, id: 'b' });
const PIDF = older.replace('</presence>', `${/<dm:person[\s\S]*<\/dm:person>/.exec(newer)![0]}</presence>`);

function perDoc(label: string, fn: () => void, rounds = 20000): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up the JIT
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  const us = ((performance.now() - t0) / rounds) * 1000;
  console.log(`${label.padEnd(34)} ${us.toFixed(1).padStart(7)} µs/doc`);
  return us;
}

const bare = (xml: string) => () => new SaxesParser().write(xml).close();
for (const [name, xml, read] of [
  ['dialog-info', DIALOG, () => parseDialogInfo(DIALOG)],
  ['PIDF, two persons', PIDF, () => parsePidf(PIDF)],
] as const) {
  const base = perDoc(`${name}: saxes alone (baseline)`, bare(xml));
  const ours = perDoc(`${name}: hardened reader`, read);
  console.log(`${name}: ${(ours / base).toFixed(2)}× the baseline; at 100 NOTIFY/s ${((ours * 100) / 1000).toFixed(1)} ms of CPU per second`);
}
