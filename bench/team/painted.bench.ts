// `npm run bench -- team` part 2 (issue 13 point 6): a change at one console → painted at the
// other, in the real consoles (web host, built renderer, two Chromium pages) on one real
// PostgreSQL, inside a loopback-only namespace. Console 1 adds a unit notice through its own API;
// both pages watch the same person's card and stamp the frame after the notice's text appears
// (MutationObserver, then requestAnimationFrame). Remote: console 2's paint (team store → NOTIFY →
// main → directoryChanged → store → card), target p95 ≤ 1 s. Baseline, same run, same change:
// console 1's own card painting its own notice (no team store in the path). Figures only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../lab/chromium.js';
import { loadLabManifest } from '../../lab/manifest.js';
import { openConsole } from '../../test/support/console.js';
import { directoryLocators, directoryReady, withCsvDirectory, writeDirectoryCsv } from '../../test/support/directory.js';
import { teamSettingsFor } from '../../test/support/team-console.js';
import { postgresAvailable, startTeamServer } from '../../test/support/team-postgres.js';
import { builtOutDir, runInLoopbackNamespace } from '../support.js';

await runInLoopbackNamespace(fileURLToPath(import.meta.url), 'vaxel-bench-team-paint');
const missing = postgresAvailable();
if (missing) {
  console.error(missing);
  process.exit(1);
}
builtOutDir();
const N = Math.max(5, Number(process.env.TEAM_PAINT_SAMPLES ?? 40));
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vaxel-team-paint-'));
const manifest = loadLabManifest();

// In-page: the wall-clock time of the frame after a text first appears in the page.
const PROBE = `(() => {
  const seen = new Map(); const wanted = new Set();
  window.__painted = { want: (t) => wanted.add(t), at: (t) => seen.get(t) ?? null };
  new MutationObserver(() => {
    if (!wanted.size) return;
    const text = document.body.innerText;
    for (const t of wanted) if (text.includes(t)) { wanted.delete(t); requestAnimationFrame(() => seen.set(t, Date.now())); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const fmt = (x: number) => `${x.toFixed(1)} ms`;

const server = await startTeamServer();
const browser = await launchChromium({ runDir });
try {
  const fx = writeDirectoryCsv(manifest, path.join(runDir, 'hr'));
  const csv = withCsvDirectory(fx.csvPath);
  const team1 = await teamSettingsFor(server, 'op_paint1');
  const team2 = await teamSettingsFor(server, 'op_paint2');
  const one = await openConsole({ browser, manifest, runDir: path.join(runDir, 'one'), operatorIndex: 0, initScripts: [PROBE], settings: (s) => ({ ...csv(s), team: team1 }) });
  const two = await openConsole({ browser, manifest, runDir: path.join(runDir, 'two'), operatorIndex: 1, initScripts: [PROBE], settings: (s) => ({ ...csv(s), team: team2 }) });
  await directoryReady(one.page);
  await directoryReady(two.page);
  for (const c of [one, two]) await c.page.getByRole('status', { name: 'Teamdatabas' }).getByText('Teamdatabasen: ansluten').waitFor({ timeout: 20000 });
  const name = `${fx.plain.givenName} ${fx.plain.surname}`;
  const openCard = async (page: Page) => {
    const { search, results, card } = directoryLocators(() => page);
    await search().fill('');
    await search().pressSequentially(name);
    await results().getByRole('option').filter({ hasText: name }).first().click();
    await card().getByRole('heading', { name }).waitFor({ timeout: 5000 });
  };
  await openCard(one.page);
  await openCard(two.page);
  const unitId = await one.page.evaluate(async (unit) => {
    const api = (window as unknown as { vaxel: { directoryUnits(): Promise<Array<{ id: string; name: string }>> } }).vaxel;
    return (await api.directoryUnits()).find((u) => u.name === unit)!.id;
  }, fx.plain.unit);

  const remote: number[] = [];
  const local: number[] = [];
  for (let i = 0; i < N; i++) {
    const text = `Mättext ${i} ${Date.now()}`;
    for (const c of [one, two]) await c.page.evaluate((t) => (window as unknown as { __painted: { want(t: string): void } }).__painted.want(t), text);
    const t0 = await one.page.evaluate(
      async ([u, t]) => {
        const start = Date.now();
        await (window as unknown as { vaxel: { directoryAddNotice(i: unknown): Promise<unknown> } }).vaxel.directoryAddNotice({ unitId: u, text: t });
        return start;
      },
      [unitId, text] as const,
    );
    const at = (p: Page) =>
      p.waitForFunction((t) => (window as unknown as { __painted: { at(t: string): number | null } }).__painted.at(t), text, { timeout: 10_000 }).then((h) => h.jsonValue() as Promise<number>);
    const [mine, theirs] = await Promise.all([at(one.page), at(two.page)]);
    local.push(mine - t0);
    remote.push(theirs - t0);
  }
  console.log(`change at console 1 → painted, ${N} unit notices, real PostgreSQL on loopback, two consoles`);
  console.log(`  at console 2 (team store)   p50 ${fmt(pct(remote, 50))}  p95 ${fmt(pct(remote, 95))}  max ${fmt(Math.max(...remote))}  (target p95 ≤ 1000 ms)`);
  console.log(`  at console 1 (own, baseline) p50 ${fmt(pct(local, 50))}  p95 ${fmt(pct(local, 95))}`);
  console.log(`  ratio p95 remote/own: ×${(pct(remote, 95) / Math.max(0.1, pct(local, 95))).toFixed(2)}`);
  await one.close();
  await two.close();
} finally {
  await browser.close().catch(() => undefined);
  await server.stop().catch(() => undefined);
  fs.rmSync(runDir, { recursive: true, force: true });
}
