// `npm run summary-image`: the picture of a job summary in the README, from a real run. It runs
// the demo (scripts/demo.mjs: the committed dist/index.js against the fakes, as the runner runs
// it), takes the step summary of its nightly-watchdog run, renders that Markdown the way GitHub
// renders a step summary (markdown-it with HTML allowed, in a page styled like GitHub's), opens
// the first log block as a reader would click it, and screenshots it into docs/summary.png with
// a real browser: Debian's chromium, driven by playwright-core (which downloads no browser).
//
//   apt-get install -y chromium fonts-noto-color-emoji   # once (the markers are emoji)
//   CHROMIUM=/path/to/chrome npm run summary-image       # another browser build
//   npm run summary-image -- --out /tmp/summary.png      # elsewhere than docs/summary.png
//   npm run summary-image -- --html /tmp/summary.html    # only the page, no browser needed
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import MarkdownIt from 'markdown-it';
import { summaryFile } from './demo-runs.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: options } = parseArgs({
  options: { out: { type: 'string' }, html: { type: 'string' } },
});
const OUT = resolve(options.out ?? join(ROOT, 'docs', 'summary.png'));
const BROWSER = process.env.CHROMIUM ?? '/usr/bin/chromium';
const WATCHDOG = summaryFile('watchdog');

// Close to GitHub's rendering of Markdown (its font stack, table and code styles), not a copy.
const STYLE = `
  body { margin: 0; background: #fff; }
  .markdown-body { box-sizing: border-box; padding: 16px 24px; width: 1100px; color: #1f2328;
    font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
  h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
  h3 { font-size: 1.25em; font-weight: 600; }
  a { color: #0969da; text-decoration: none; }
  code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 85%; }
  code { padding: .2em .4em; background: #eff1f3; border-radius: 6px; }
  pre { padding: 16px; background: #f6f8fa; border-radius: 6px; overflow: auto; line-height: 1.45; }
  table { border-collapse: collapse; margin: 16px 0; }
  th, td { padding: 6px 13px; border: 1px solid #d1d9e0; text-align: left; }
  tr:nth-child(2n) { background: #f6f8fa; }
  details { margin: 8px 0; } summary { cursor: pointer; }
`;

if (!options.html && !existsSync(BROWSER)) {
  console.error(
    `No browser at ${BROWSER}: apt-get install -y chromium fonts-noto-color-emoji, or set CHROMIUM.`,
  );
  process.exit(1);
}
const page = pageOf(new MarkdownIt({ html: true }).render(watchdogSummary()));
if (options.html) {
  writeFileSync(options.html, page);
  console.log(`Wrote ${resolve(options.html)}`);
} else {
  await screenshot(page);
  console.log(`Wrote ${OUT}`);
}

/** The demo's step summary of the watchdog run (the file demo-runs.mjs names). */
function watchdogSummary() {
  const dir = mkdtempSync(join(tmpdir(), 'summary-image-'));
  try {
    const demo = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts', 'demo.mjs'), '--summary-dir', dir],
      { encoding: 'utf8' },
    );
    if (demo.status !== 0 || !existsSync(join(dir, WATCHDOG))) {
      console.error(demo.stdout, demo.stderr);
      throw new Error(`the demo failed (exit code ${demo.status}) or wrote no ${WATCHDOG}`);
    }
    return readFileSync(join(dir, WATCHDOG), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rendered summary in a page styled like GitHub's. */
function pageOf(body) {
  return `<!doctype html><meta charset="utf-8"><style>${STYLE}</style>
      <main class="markdown-body">${body}</main>`;
}

/** The page with its first log block opened, as a PNG (playwright-core only when needed). */
async function screenshot(html) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 600 } });
    await tab.setContent(html);
    await tab.locator('details summary').first().click();
    await tab.locator('main').screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
}
