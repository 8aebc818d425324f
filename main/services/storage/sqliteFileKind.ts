// Whether a database file is absent, a plaintext SQLite file or sealed, from its first 16 bytes:
// a sealed file has no readable header. Apart from the driver so the key store can ask too.
import fs from 'node:fs';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** 'plaintext': an unsealed SQLite file; 'sealed': anything else with bytes in it (a sealed file has no readable header). */
export function fileKind(file: string): 'absent' | 'plaintext' | 'sealed' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw error;
  }
  try {
    const head = Buffer.alloc(HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'absent';
    return read === HEADER.length && head.equals(HEADER) ? 'plaintext' : 'sealed';
  } finally {
    fs.closeSync(fd);
  }
}
