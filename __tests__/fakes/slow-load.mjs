// Preloaded (`node --import`) into a run of dist/index.js: the first file of dist/ that loads
// after the entry (the chunk of @actions/core, which the entry imports once the signal handlers are in place)
// waits SLOW_LOAD_MS before it evaluates, and says so on stdout first, so that a test can send a signal while the bundle
// is still loading. The wait is a top-level await in the chunk, not in the hook: a hook that
// sleeps blocks the main thread, and no signal handler could run meanwhile.
import { writeSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const DIST = new URL('../../dist/', import.meta.url).href;
let held = false;

if (isMainThread) register(import.meta.url);

/** The module loader's `load` hook (runs on the loader's own thread). */
export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (held || !url.startsWith(DIST) || url === `${DIST}index.js`) return loaded;
  held = true;
  writeSync(1, `slow-load: loading ${url.slice(DIST.length)}\n`);
  const wait = Number(process.env.SLOW_LOAD_MS ?? 1000);
  const source = `await new Promise((done) => setTimeout(done, ${wait}));\n${loaded.source}`;
  return { ...loaded, source };
}
