// `npm run lab [-- start]`        start the switchboard lab in the foreground (Ctrl-C stops it)
// `npm run lab -- call essunga|grastorp|internal|<number> [--from <number|ext>] [--seconds N] [--sipp]`
//                                 place one call into the running lab and print what happens
// Both run inside the fixed loopback-only namespace from lab.json ("vaxel-lab"): `start` creates
// it (root needed) and re-runs itself inside; `call` joins it, so it reaches the running lab.
import { fileURLToPath } from 'node:url';
import { runCall, parseCallArgs } from './cli-call.js';
import { openAnnouncer } from './announcer/announcer.js';
import { launchChromium } from './chromium.js';
import { startLab } from './lab.js';
import { loadLabManifest } from './manifest.js';
import { ensureNetns, execInNetns, isLoopbackOnlyNamespace, isRoot, netnsExists } from './netns.js';

const USAGE = `usage:
  npm run lab [-- start] [--no-rtpengine] [--run-dir DIR]
  npm run lab -- call essunga|grastorp|internal|<number> [--from <caller number or extension>] [--seconds N] [--sipp]`;

const manifest = loadLabManifest();
const args = process.argv.slice(2);
const command = args[0] && !args[0].startsWith('--') ? args[0] : 'start';
const self = fileURLToPath(import.meta.url);

/** Re-runs this CLI inside the lab namespace; returns its exit code. */
async function reexecInNetns(): Promise<number> {
  return execInNetns(manifest.netns, [process.execPath, '--import', 'tsx', self, ...args], {
    ...process.env,
    VAXEL_LAB_NETNS: manifest.netns,
  });
}

function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function start(): Promise<number> {
  if (!isLoopbackOnlyNamespace()) {
    if (process.env.VAXEL_LAB_NETNS) throw new Error(`namespace ${manifest.netns} has non-loopback interfaces; refusing`);
    if (!isRoot()) {
      console.error(`npm run lab needs root to create the loopback-only network namespace "${manifest.netns}" (ip netns add).`);
      console.error('Run it as root, or start it from inside an existing loopback-only namespace.');
      return 1;
    }
    ensureNetns(manifest.netns);
    console.log(`[lab] network namespace "${manifest.netns}" (loopback only); re-running inside it`);
    return reexecInNetns();
  }
  const lab = await startLab({ runDir: option('--run-dir'), withRtpengine: !args.includes('--no-rtpengine'), withTeamStore: !args.includes('--no-team-store') });
  const sb = manifest.switchboards.map((s) => `${s.id} ${s.numbers.join(',')}`).join('; ');
  console.log(`[lab] Kamailio up: ${manifest.wsUrl} and udp ${manifest.sipDomain}:${manifest.ports.sipUdp}`);
  console.log(`[lab] run dir ${lab.runDir} (kamailio.log, rtpengine.log, *.pid)`);
  console.log(`[lab] operators: ${manifest.operators.map((o) => `${o.username}/${o.password}`).join(', ')}`);
  console.log(`[lab] switchboards: ${sb}`);
  if (lab.team)
    console.log(
      `[lab] team store: PostgreSQL 127.0.0.1:${lab.team.pg.port}, roles ${manifest.operators.map((_, i) => lab.team!.settingsFor(i).user).join(', ')} (password ${manifest.teamStore?.passwordTemplate})`,
    );
  console.log(`[lab] ${lab.org.people.length} employees, extensions ${lab.org.people[0]?.extension}.. (password ${manifest.employeePasswordTemplate})`);
  // the closed-message player; the console's switchboard hours steer Kamailio over JSON-RPC
  const announcerBrowser = await launchChromium({ runDir: lab.runDir });
  const announcer = await openAnnouncer(announcerBrowser, lab);
  console.log(`[lab] switchboard hours: POST http://${manifest.sipDomain}:${manifest.ports.sipWs}/RPC, header X-Vaxel-Rpc-Token: ${lab.rpcToken}; prompts in ${lab.promptDir}`);
  console.log(`[lab] place a call: npm run lab -- call essunga --from +46701234567`);
  console.log(`[lab] stop: Ctrl-C, or kill -TERM ${process.pid} (npm does not pass SIGTERM on)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
    // re-run inside the namespace: if the outer process dies (even by SIGKILL), stop too
    const parent = process.ppid;
    if (process.env.VAXEL_LAB_NETNS) setInterval(() => process.ppid !== parent && resolve(), 1000).unref();
  });
  console.log('\n[lab] stopping');
  await announcer.close().catch(() => undefined);
  await announcerBrowser.close().catch(() => undefined);
  await lab.stop();
  console.log('[lab] stopped');
  return 0;
}

async function call(): Promise<number> {
  if (!isLoopbackOnlyNamespace()) {
    if (process.env.VAXEL_LAB_NETNS) throw new Error(`namespace ${manifest.netns} has non-loopback interfaces; refusing`);
    if (!netnsExists(manifest.netns)) {
      console.error(`No lab namespace "${manifest.netns}": start the lab first with \`npm run lab\`.`);
      return 1;
    }
    if (!isRoot()) {
      console.error(`Joining namespace "${manifest.netns}" needs root (ip netns exec).`);
      return 1;
    }
    return reexecInNetns();
  }
  return runCall(manifest, parseCallArgs(args.slice(1)));
}

async function main(): Promise<number> {
  switch (command) {
    case 'start':
      return start();
    case 'call':
      return call();
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[lab] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
