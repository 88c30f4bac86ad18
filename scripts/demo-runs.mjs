// The demo's runs, in the order scripts/demo.mjs plays them, and the file each run's step
// summary gets with `--summary-dir`: the one place both the demo and
// scripts/summary-image.mjs (which renders the watchdog's) take the names from.

/** Run ids, in order. */
export const DEMO_RUNS = /** @type {const} */ (['deploy', 'preview', 'xplenty', 'watchdog']);

/**
 * The file of a run's step summary in `--summary-dir`: `4-watchdog.md`.
 * @param {(typeof DEMO_RUNS)[number]} run
 */
export function summaryFile(run) {
  const index = DEMO_RUNS.indexOf(run);
  if (index < 0) throw new Error(`no demo run ${run}`);
  return `${index + 1}-${run}.md`;
}
