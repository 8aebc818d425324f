// axe-core's WCAG 2.0–2.2 A/AA check of a page as it is now, for browser tests of single features
// (the same check as accessibility.test.ts, which keeps its own copy for the whole console).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function violations(p: Page): Promise<Violation[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(AXE_SOURCE);
  return p.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`) }));
  }, WCAG_TAGS);
}

/** Fails with each violation's rule, element and axe's words. */
export async function assertAccessible(p: Page, screen: string): Promise<void> {
  const found = await violations(p);
  assert.deepEqual(found, [], `${screen}: WCAG violations:\n${JSON.stringify(found, null, 2)}`);
}
