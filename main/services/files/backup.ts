// Files we refuse to trust are moved aside, never deleted: IT can inspect or restore them.
import fs from 'node:fs';

/** `<file>.corrupt-<iso time>.bak`, with ':' replaced so the name is valid on Windows too. */
export function backupPathFor(file: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/:/g, '-');
  let candidate = `${file}.corrupt-${stamp}.bak`;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${file}.corrupt-${stamp}-${n}.bak`;
  return candidate;
}

/** Moves `file` aside and returns where it went. */
export function moveAside(file: string, now?: Date): string {
  const target = backupPathFor(file, now);
  fs.renameSync(file, target);
  return target;
}
