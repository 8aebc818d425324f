// Child process for the SIGKILL test: a console that records shared changes and is killed -9.
// argv: <sqlite file> <queue|send> <count>; TEAM_SETTINGS (JSON) in the environment.
// queue: records without connecting (every change sits in the SQLite queue), then waits.
// send: connects and records one change after another while the queue is being sent.
// Each change id is printed only after record() returned, i.e. after its SQLite commit.
import { openTestConsole } from './team-console';

const [file, mode, count] = process.argv.slice(2);
const c = openTestConsole('kill-child', JSON.parse(process.env.TEAM_SETTINGS ?? '{}'), file);
if (mode === 'send') c.sync.start();
for (let i = 0; i < Number(count); i++) {
  const id = c.sync.record('message-callback', `k-${mode}-${i}`, { done: true, i });
  process.stdout.write(`queued ${id}\n`);
  if (mode === 'send') await new Promise((r) => setTimeout(r, 2));
}
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
