// Log rotation: vaxel.log → vaxel.1.log → … → vaxel.N.log, the oldest dropped. Renames only, so a
// crash mid-rotation loses at most the oldest file, never the current one.
import fs from 'node:fs';
import path from 'node:path';

export function rotatedName(file: string, index: number): string {
  const { dir, name, ext } = path.parse(file);
  return path.join(dir, `${name}.${index}${ext}`);
}

export function rotateLogFiles(file: string, keep: number): void {
  if (keep < 1) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.rmSync(rotatedName(file, keep), { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    const from = rotatedName(file, i);
    if (fs.existsSync(from)) fs.renameSync(from, rotatedName(file, i + 1));
  }
  if (fs.existsSync(file)) fs.renameSync(file, rotatedName(file, 1));
}
