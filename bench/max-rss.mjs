// Preloaded (`node --import`) into a process that bench.mjs measures: at exit, writes the
// process's peak resident set size (getrusage ru_maxrss, in kB) to $BENCH_MAX_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
