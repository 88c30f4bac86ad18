// Loaded with `--import` into each run of dist/index.js under `npm test` (runner.mjs): V8's
// precise coverage of the run, the scripts of dist/ only, written at exit as
// `{ result: [...] }` into DIST_COVERAGE_DIR for scripts/coverage.mjs.
//
// Not NODE_V8_COVERAGE, which starts the same profiler (call counts, block detail) but also
// makes Node read and cache the source map of every script it loads (the undici chunk's map is
// 1.6 MB) and write every script's coverage, Node's own included (3 MB a run): 0.3 s more CPU
// a run than this, some 50 s over the suite's runs (measured on 10 runs each).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const DIST_URL = new URL('../../dist/', import.meta.url).href;
const dir = process.env.DIST_COVERAGE_DIR;

if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  // The action registers no exit handler of its own: nothing runs after this one.
  process.on('exit', () => {
    // The main thread's session answers synchronously.
    session.post('Profiler.takePreciseCoverage', (error, coverage) => {
      if (error) return;
      const result = coverage.result.filter((script) => script.url.startsWith(DIST_URL));
      if (result.length === 0) return;
      writeFileSync(
        join(dir, `coverage-${process.pid}-${Date.now()}.json`),
        JSON.stringify({ result }),
      );
    });
  });
}
