// A node:test reporter that writes only the tally of leaf tests, so scripts/test.mjs can add
// up the tiers. Skipped and todo tests are counted apart: a skip is never a pass.
import fs from 'node:fs';

export default async function* countReporter(source) {
  const tally = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip !== undefined || data.todo !== undefined) tally.skipped++;
    else if (event.type === 'test:pass') tally.passed++;
    else {
      tally.failed++;
      tally.failures.push(`${data.file ?? ''}: ${data.name}`);
    }
  }
  fs.writeFileSync(process.env.VAXEL_TALLY_FILE, JSON.stringify(tally));
  yield '';
}
