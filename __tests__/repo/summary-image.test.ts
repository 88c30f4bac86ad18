// `npm run summary-image` (scripts/summary-image.mjs) renders the demo's watchdog summary into
// docs/summary.png. It broke once when the demo gained a run and the watchdog's file moved:
// these run the demo and the script as a newcomer would, and check that the page it renders is
// the watchdog's. The picture itself needs chromium, which CI has not: that part is skipped
// where no browser is installed.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_RUNS, summaryFile } from '../../scripts/demo-runs.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Runs `scripts/<script>` with `args` in a fresh temporary folder, handed to `args`. */
function runScript(script: string, args: (dir: string) => string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'summary-image-test-'));
  const run = spawnSync(process.execPath, [join(root, 'scripts', script), ...args(dir)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { dir, run, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What only the watchdog's summary says: its selection, its stuck report and its logs. */
function expectWatchdog(text: string): void {
  expect(text).toContain('running for more than 6h');
  expect(text).toContain('nightlyReport001');
  expect(text).toContain('Last log lines');
  expect(text).not.toContain('Xplenty');
}

describe('the demo and summary-image agree on the files', () => {
  it('the demo writes one summary per run of demo-runs.mjs; the watchdog file is its summary', () => {
    const { dir, run, done } = runScript('demo.mjs', (d) => ['--summary-dir', d]);
    try {
      expect(run.status).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(DEMO_RUNS.map(summaryFile).sort());
      expectWatchdog(readFileSync(join(dir, summaryFile('watchdog')), 'utf8'));
    } finally {
      done();
    }
  }, 60_000);

  it('summary-image --html renders the watchdog summary, no browser needed', () => {
    const { dir, run, done } = runScript('summary-image.mjs', (d) => ['--html', `${d}/page.html`]);
    try {
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      const page = readFileSync(join(dir, 'page.html'), 'utf8');
      expect(page).toMatch(/^<!doctype html>/);
      expect(page).toContain('<table>');
      expectWatchdog(page);
    } finally {
      done();
    }
  }, 60_000);

  (existsSync(BROWSER) ? it : it.skip)(
    'summary-image --out renders a PNG with chromium (skipped without one)',
    () => {
      const { dir, run, done } = runScript('summary-image.mjs', (d) => ['--out', `${d}/s.png`]);
      try {
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
        const png = readFileSync(join(dir, 's.png'));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.length).toBeGreaterThan(10_000);
      } finally {
        done();
      }
    },
    90_000,
  );
});
