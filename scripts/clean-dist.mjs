// The first step of `npm run bundle`: empties dist/ (or the folder given), so that a chunk an
// older build wrote and this one does not (ncc numbers its chunks) cannot stay behind and be
// committed. Node's own rm, so that it works on Windows too, whose shell has no `rm -rf`.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

rmSync(process.argv[2] ?? fileURLToPath(new URL('../dist/', import.meta.url)), {
  recursive: true,
  force: true,
});
