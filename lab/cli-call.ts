// The caller simulator behind `npm run lab -- call`: one call into the running lab, from a
// headless Chromium SIP.js page (audio from the fake microphone) or from SIPp (plain RTP, PCMA).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from './chromium.js';
import { generateDemoOrg } from './demo-org/generate.js';
import { employeePassword, type LabManifest } from './manifest.js';
import { openPhone, type LabPhone } from './phone/phone.js';
import { closePhonePageServer } from './phone/server.js';
import { startSippCall } from './sipp.js';

export interface CallArgs {
  target: string;
  from?: string;
  seconds: number;
  sipp: boolean;
}

export function parseCallArgs(argv: string[]): CallArgs {
  const target = argv.find((a, i) => !a.startsWith('--') && !['--from', '--seconds'].includes(argv[i - 1] ?? ''));
  if (!target) throw new Error('call: which number? essunga|grastorp|internal|<number>');
  const opt = (n: string) => {
    const i = argv.indexOf(n);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seconds = Number(opt('--seconds') ?? 10);
  if (!(seconds > 0 && seconds <= 600)) throw new Error('--seconds must be 1..600');
  return { target, from: opt('--from'), seconds, sipp: argv.includes('--sipp') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RING_TIMEOUT_MS = 60000;

export async function runCall(m: LabManifest, a: CallArgs): Promise<number> {
  const sb = m.switchboards.find((s) => s.id === a.target);
  const dialled = sb ? sb.numbers[0]! : a.target;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lab-call-'));
  const employees = generateDemoOrg({ manifest: m }).people;
  // internal callers are employees: --from is their extension (default the first one)
  const fromExt = a.from ?? (sb?.municipality === 'internal' ? employees[0]!.extension : undefined);
  const employee = employees.find((p) => p.extension === fromExt);
  const callerNumber = a.from ?? '+46701234567';

  if (a.sipp) {
    console.log(`[call] SIPp (plain RTP, PCMA) ${callerNumber} -> ${dialled} for ${a.seconds} s via pstn-gw`);
    const call = startSippCall({ manifest: m, target: dialled, callerNumber, holdMs: a.seconds * 1000, runDir });
    const code = await call.done;
    const trace = fs.existsSync(call.messageLog) ? fs.readFileSync(call.messageLog, 'utf8') : '';
    const statuses = [...trace.matchAll(/^SIP\/2\.0 (\d{3} [^\r\n]*)/gm)].map((x) => x[1]);
    console.log(`[call] responses: ${statuses.join(' | ') || '(none)'}`);
    console.log(code === 0 ? '[call] answered, audio played, ended with BYE' : `[call] SIPp failed (exit ${code}); trace ${call.messageLog}`);
    return code === 0 ? 0 : 1;
  }

  const browser = await launchChromium({ runDir });
  let phone: LabPhone | null = null;
  try {
    phone = employee
      ? await openPhone(browser, { username: employee.extension, password: employeePassword(m, employee.extension), displayName: `${employee.givenName} ${employee.surname}` }, { runDir })
      : await openPhone(browser, { gateway: true, callerNumber }, { runDir });
    console.log(`[call] ${employee ? `employee ${employee.extension}` : `PSTN ${callerNumber}`} -> ${dialled}`);
    const id = await phone.call(dialled);
    const t0 = Date.now();
    let printed = 0;
    for (;;) {
      const s = (await phone.sessions()).find((x) => x.id === id)!;
      for (; printed < s.responses.length; printed++) {
        const code = s.responses[printed]!;
        console.log(`[call] ${code}${code === 180 || code === 183 ? ' ringing' : code === 200 ? ' answered' : code >= 300 ? ' rejected' : ''}`);
      }
      if (s.state === 'Established' || s.state === 'Terminated') break;
      if (Date.now() - t0 > RING_TIMEOUT_MS) {
        console.log('[call] no answer in 60 s; cancelling');
        await phone.hangup(id);
        return 1;
      }
      await sleep(200);
    }
    const established = (await phone.sessions()).find((x) => x.id === id)!;
    if (established.state !== 'Established') {
      console.log(`[call] ended before it was answered (${established.state})`);
      return 1;
    }
    for (let i = 0; i < a.seconds; i++) {
      await sleep(1000);
      const st = await phone.stats(id);
      const s = (await phone.sessions()).find((x) => x.id === id)!;
      if (s.state === 'Terminated' || !st) {
        console.log('[call] ended by the other side');
        return 0;
      }
      console.log(`[call] ${i + 1}s ICE ${st.ice}, in ${st.inboundBytes} B, out ${st.outboundBytes} B, codec ${st.codec}`);
    }
    await phone.hangup(id);
    console.log('[call] ended (hung up)');
    return 0;
  } finally {
    await phone?.close().catch(() => undefined);
    await browser.close();
    await closePhonePageServer();
  }
}
