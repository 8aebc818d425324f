// A plain SIP/RTP caller (SIPp, UDP, PCMA from a pcap) from the simulated PSTN trunk: an
// independent peer that reaches browser phones through rtpengine. Bounded: one call, and
// killed after holdMs (+ waitMs) + 30 s whatever happens.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LAB_DIR, type LabManifest } from './manifest.js';

export const SIPP_CALLER_SCENARIO = path.join(LAB_DIR, 'sipp', 'caller.xml');
/** The same caller, but it follows the operator's blind transfer: REFER -> 202, NOTIFY 100, a new
 *  INVITE to the Refer-To target, NOTIFY 200 once it is answered (lab/sipp/caller-refer.xml). */
export const SIPP_CALLER_REFER_SCENARIO = path.join(LAB_DIR, 'sipp', 'caller-refer.xml');

export interface SippCallOptions {
  manifest: LabManifest;
  /** Dialled user: "+4651257000", "2001" ... */
  target: string;
  callerNumber: string;
  displayName?: string;
  holdMs?: number;
  /** Logs (messages, errors, screen) go here. */
  runDir: string;
  sipPort?: number;
  mediaPort?: number;
  /** Scenario file; default SIPP_CALLER_SCENARIO. */
  scenario?: string;
  /** Extra time (ms) the scenario may wait for the peer, e.g. for the operator to transfer; default 0. */
  waitMs?: number;
}

export interface SippCall {
  pid: number;
  /** Exit code: 0 when the call was answered and ended cleanly. */
  done: Promise<number>;
  messageLog: string;
  kill(): void;
}

export function startSippCall(o: SippCallOptions): SippCall {
  const holdMs = o.holdMs ?? 5000;
  const boundMs = holdMs + (o.waitMs ?? 0);
  const m = o.manifest;
  const stem = path.join(o.runDir, `sipp-${Date.now()}`);
  fs.mkdirSync(o.runDir, { recursive: true });
  const args = [
    `${m.sipDomain}:${m.ports.sipUdp}`,
    '-sf',
    o.scenario ?? SIPP_CALLER_SCENARIO,
    '-s',
    o.target,
    '-key',
    'caller',
    o.callerNumber,
    '-key',
    'display',
    o.displayName ?? o.callerNumber,
    '-au',
    m.gateway.username,
    '-ap',
    m.gateway.password,
    '-i',
    '127.0.0.1',
    '-mi',
    '127.0.0.1',
    '-p',
    String(o.sipPort ?? 5070),
    '-mp',
    String(o.mediaPort ?? 6000),
    '-m',
    '1',
    '-d',
    String(holdMs),
    '-nostdin',
    '-timeout',
    `${Math.ceil(boundMs / 1000) + 25}s`,
    '-timeout_error',
    '-trace_msg',
    '-message_file',
    `${stem}.msg`,
    '-trace_err',
    '-error_file',
    `${stem}.err`,
    '-trace_screen',
    '-screen_file',
    `${stem}.screen`,
  ];
  const child = spawn('/usr/bin/sipp', args, { stdio: 'ignore', cwd: o.runDir });
  const killer = setTimeout(() => child.kill('SIGKILL'), boundMs + 30000);
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve(code ?? 1);
    }),
  );
  return { pid: child.pid ?? -1, done, messageLog: `${stem}.msg`, kill: () => child.kill('SIGTERM') };
}

export const SIPP_EXTERNAL_SCENARIO = path.join(LAB_DIR, 'sipp', 'external.xml');

export interface SippExternal {
  pid: number;
  /** Exit code once it stopped (after `calls` calls, a kill, or its bound). */
  done: Promise<number>;
  messageLog: string;
  /** The SIP messages it exchanged so far (its -trace_msg file). */
  messages(): string;
  kill(): void;
}

/**
 * The external subscriber behind the lab's PSTN gateway (P-DIALOUT): SIPp as a UAS on
 * lab.json pstnOut, echoing RTP. An independent process; it stops after `calls` calls or `boundMs`.
 */
export function startSippExternal(o: { manifest: LabManifest; runDir: string; calls?: number; boundMs?: number }): SippExternal {
  const out = o.manifest.pstnOut;
  const stem = path.join(o.runDir, `sipp-external-${Date.now()}`);
  fs.mkdirSync(o.runDir, { recursive: true });
  const args = [
    '-sf',
    SIPP_EXTERNAL_SCENARIO,
    '-i',
    out.host,
    '-p',
    String(out.sipPort),
    '-mi',
    out.host,
    '-mp',
    String(out.mediaPort),
    '-rtp_echo',
    '-m',
    String(o.calls ?? 2),
    '-nostdin',
    '-trace_msg',
    '-message_file',
    `${stem}.msg`,
    '-trace_err',
    '-error_file',
    `${stem}.err`,
  ];
  const child = spawn('/usr/bin/sipp', args, { stdio: 'ignore', cwd: o.runDir });
  const killer = setTimeout(() => child.kill('SIGKILL'), o.boundMs ?? 120000);
  const done = new Promise<number>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve(code ?? 1);
    }),
  );
  return {
    pid: child.pid ?? -1,
    done,
    messageLog: `${stem}.msg`,
    messages: () => (fs.existsSync(`${stem}.msg`) ? fs.readFileSync(`${stem}.msg`, 'utf8') : ''),
    kill: () => child.kill('SIGTERM'),
  };
}
