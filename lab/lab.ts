// startLab(): real Kamailio (+ rtpengine) for the switchboard, inside the current network
// namespace, which must be loopback-only. Everything the run needs (cfg, DB, logs, PIDs) lives
// in runDir; stop() ends exactly the processes it started, by PID.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoOrg, writeDemoOrg } from './demo-org/generate.js';
import type { DemoOrg } from './demo-org/types.js';
import { createLabDb, createRlsTextDb } from './kamailio/db.js';
import type { LabLists } from './kamailio/rls-lists.js';
import { renderKamailioCfg } from './kamailio/render.js';
import { demoOrgDir, loadLabManifest, type LabManifest } from './manifest.js';
import { assertLoopbackOnly } from './netns.js';
import { rtpenginePing, sipOptions, waitFor } from './probe.js';
import { logTail, startProcess, stopProcess, type LabProcess } from './process.js';
import { assertLabPackages } from './requirements.js';
import { startLabTeamStore, type LabTeamStore } from './postgres/teamStore.js';

export interface StartLabOptions {
  /** Where cfg, DB, logs and PID files go; default a fresh directory under os.tmpdir(). */
  runDir?: string;
  /** Start rtpengine and let Kamailio bridge plain RTP <-> WebRTC. Default true. */
  withRtpengine?: boolean;
  manifest?: LabManifest;
  /** Write the demo directory (JSON + CSV) to manifest.demoOrg.dir. Default true. */
  writeDemoDirectory?: boolean;
  /** Kamailio's clock offset from the real one, in seconds (libfaketime); see Lab.startKamailio. */
  clockOffsetSeconds?: number;
  /** Extra members of the resource lists the rls module serves (lab/kamailio/rls-lists.ts). */
  lists?: LabLists;
  /** Kamailio's shared memory in MB (default 64); thousands of subscriptions need more. */
  shmMb?: number;
  /** Start the team store (PostgreSQL, lab.json teamStore) too. Default false: only `npm run lab` and `npm start` share one. */
  withTeamStore?: boolean;
}

export interface Lab {
  manifest: LabManifest;
  runDir: string;
  /** The default demo organisation: every person in it is a Kamailio subscriber. */
  org: DemoOrg;
  stop(): Promise<void>;
  stopKamailio(): Promise<void>;
  /** clockOffsetSeconds: run Kamailio's clock that far from the real one (libfaketime), so a test
   * can place a call "at 18:00" or "on midsommarafton"; registrations and htables start empty. */
  startKamailio(opts?: { clockOffsetSeconds?: number }): Promise<void>;
  /** The token for the PBX control's JSON-RPC (POST ws-port/RPC, header X-Vaxel-Rpc-Token). */
  rpcToken: string;
  /** Where the closed-message prompts are read by the lab's announcer (lab/announcer). */
  promptDir: string;
  /** The team store both lab operators are pointed at, when started (withTeamStore). */
  team: LabTeamStore | null;
}

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

function kamailioEnv(clockOffsetSeconds: number | undefined): NodeJS.ProcessEnv {
  if (!clockOffsetSeconds) return process.env;
  if (!fs.existsSync(FAKETIME_LIB)) throw new Error(`a shifted PBX clock needs libfaketime (${FAKETIME_LIB}): apt-get install faketime`);
  const offset = Math.round(clockOffsetSeconds);
  // relative offset: Kamailio's timers keep their pace, only wall-clock readings ($TS) move
  return { ...process.env, LD_PRELOAD: FAKETIME_LIB, FAKETIME: `${offset >= 0 ? '+' : ''}${offset}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

const READY_TIMEOUT_MS = 15000;

function rtpengineConf(m: LabManifest, runDir: string): string {
  // userspace forwarding (table=-1): no kernel module, no iptables
  return [
    '[rtpengine]',
    'table = -1',
    `interface = ${m.sipDomain}`,
    `listen-ng = 127.0.0.1:${m.ports.rtpengineNg}`,
    'foreground = true',
    'log-stderr = true',
    'log-level = 6',
    `port-min = ${m.ports.rtpMin}`,
    `port-max = ${m.ports.rtpMax}`,
    'timeout = 60',
    'num-threads = 2',
    `pidfile = ${path.join(runDir, 'rtpengine.daemon.pid')}`,
    '',
  ].join('\n');
}

export async function startLab(opts: StartLabOptions = {}): Promise<Lab> {
  assertLoopbackOnly();
  assertLabPackages();
  const manifest = opts.manifest ?? loadLabManifest();
  const withRtpengine = opts.withRtpengine ?? true;
  const runDir = opts.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-lab-'));
  fs.mkdirSync(runDir, { recursive: true });

  const org = generateDemoOrg({ manifest });
  if (opts.writeDemoDirectory ?? true) writeDemoOrg(org, demoOrgDir(manifest));
  const dbPath = path.join(runDir, 'kamailio.sqlite');
  createLabDb(dbPath, manifest, org.people, opts.lists);
  const rpcToken = crypto.randomBytes(18).toString('base64url');
  const promptDir = path.join(runDir, 'prompts');
  fs.mkdirSync(promptDir, { recursive: true });
  const cfgPath = renderKamailioCfg(manifest, runDir, dbPath, rpcToken);

  let rtpengine: LabProcess | null = null;
  let kamailio: LabProcess | null = null;
  let team: LabTeamStore | null = null;

  const stopKamailio = async () => {
    if (kamailio) await stopProcess(kamailio);
    kamailio = null;
  };

  let clockOffset = opts.clockOffsetSeconds;
  const startKamailio = async (startOpts: { clockOffsetSeconds?: number } = {}) => {
    if (kamailio?.isRunning()) return;
    if (startOpts.clockOffsetSeconds !== undefined) clockOffset = startOpts.clockOffsetSeconds;
    createRlsTextDb(path.join(runDir, 'dbtext'));
    const args = ['-f', cfgPath, '-DD', '-E', '-Y', runDir, '-P', path.join(runDir, 'kamailio.daemon.pid'), '-m', String(opts.shmMb ?? 64), '-M', '8'];
    if (withRtpengine) args.push('-A', 'WITH_RTPENGINE');
    const k = startProcess('kamailio', '/usr/sbin/kamailio', args, runDir, kamailioEnv(clockOffset));
    kamailio = k;
    try {
      await waitFor(
        'Kamailio',
        async () => (await sipOptions(manifest.sipDomain, manifest.ports.sipUdp)) === 'SIP/2.0 200 Keepalive',
        READY_TIMEOUT_MS,
        () => (k.isRunning() ? null : `exited during start-up (port in use?). ${k.logPath}:\n${logTail(k)}`),
      );
    } catch (e) {
      await stopKamailio();
      throw e;
    }
  };

  const stop = async () => {
    await stopKamailio();
    if (rtpengine) await stopProcess(rtpengine);
    rtpengine = null;
    await team?.stop();
    team = null;
  };

  try {
    if (withRtpengine) {
      const confPath = path.join(runDir, 'rtpengine.conf');
      fs.writeFileSync(confPath, rtpengineConf(manifest, runDir));
      const r = startProcess('rtpengine', '/usr/bin/rtpengine', [`--config-file=${confPath}`], runDir);
      rtpengine = r;
      await waitFor(
        'rtpengine',
        () => rtpenginePing(manifest.ports.rtpengineNg),
        READY_TIMEOUT_MS,
        () => (r.isRunning() ? null : `exited during start-up. ${r.logPath}:\n${logTail(r)}`),
      );
    }
    await startKamailio();
    if (opts.withTeamStore && manifest.teamStore) team = await startLabTeamStore(manifest, fs.mkdtempSync(path.join(runDir, 'team-pg-')));
  } catch (e) {
    await stop();
    throw e;
  }
  return { manifest, runDir, org, stop, stopKamailio, startKamailio, rpcToken, promptDir, team };
}
