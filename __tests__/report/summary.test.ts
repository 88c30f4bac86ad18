// The job summary as people see it: the committed dist/index.js run as the runner runs it,
// its summary rendered as GitHub Flavored Markdown (helpers/gfm.ts) and read as a browser
// would build it: one table, links to the right pages only, a collapsed block per log, and no
// markup, link or command of the server's making.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { renderSummary, type Rendered } from '../helpers/gfm.js';
import { inputErrorHtml, summaryHtml, SUMMARY_BUDGET_BYTES } from '../../src/report/summary.js';
import { connectRows, jobPage as connectPage } from '../../src/vendors/connect/rows.js';
import { jobPage as xplentyPage } from '../../src/vendors/xplenty/rows.js';

const open = openSet();
afterEach(open.closeAll);

const HOUR = 3_600_000;
const RUN_URL = 'https://github.com/octo-org/deploy-app/actions/runs/4242';
const MARK = 'PWNED';

/** What a job may print: every way into the runner, the page and the reader's trust. */
function hostileLog(apiKey: string): string[] {
  return [
    `::error title=${MARK}::the job says the build failed`,
    `##[add-mask]${MARK} and ##[group]${MARK}`,
    `<img src="https://evil.example/${MARK}.png" onerror="alert(1)"><script>alert(1)</script>`,
    `[click here](https://evil.example/${MARK}) and ![pixel](https://evil.example/${MARK}.gif)`,
    `<a href="https://evil.example/${MARK}">${MARK}</a> <details open>${MARK}</details>`,
    `# ${MARK} heading | table | cell`,
    '',
    `the key: ${apiKey}, base64: ${Buffer.from(apiKey).toString('base64')}, basic: ${Buffer.from(`${apiKey}:`).toString('base64')}`,
    '\u001b[31mred\u001b[0m \u202eevil',
  ];
}

function links(rendered: Rendered): string[] {
  return rendered.all('a').map((a) => a.attributes.href ?? '');
}

describe('the summary of a watchdog run, rendered as GitHub does', () => {
  it('has one table, links only to our pages, a collapsed log per job, and no server markup', async () => {
    const server = await open.keep(startConnect({ jobs: [] }));
    const log = hostileLog(server.apiKey);
    server.addJob({ key: 'oldJob0000000001', startedAgoMs: 7 * HOUR, log });
    server.addJob({ key: 'oldJob0000000002', startedAgoMs: 8 * HOUR, log });
    server.addJob({ key: 'youngJob00000001', startedAgoMs: 60_000 });
    const run = await runAction(inputsFor(server, { keys: 'all', 'older-than': '6h' }));
    expect(run.code).toBe(0);
    const rendered = renderSummary(run.summary);

    expect(rendered.all('table')).toHaveLength(1);
    expect(rendered.all('tr')).toHaveLength(3);
    const page = (key: string) =>
      `${server.server}/connect/#/apps/${server.guid}/logs?logKey=${key}`;
    expect(links(rendered)).toEqual([
      `${server.server}/connect/#/apps/${server.guid}`,
      RUN_URL,
      page('oldJob0000000001'),
      page('oldJob0000000002'),
      page('oldJob0000000001'),
      page('oldJob0000000002'),
    ]);
    const details = rendered.all('details');
    expect(details).toHaveLength(2);
    for (const block of details) {
      expect(block.attributes).toEqual({});
      expect(block.all('pre')).toHaveLength(1);
    }
    // Nothing the server sent became an element: only the summary's own tags are there.
    const tags = new Set(rendered.elements.map((element) => element.tag));
    expect([...tags].sort()).toEqual(
      [
        'a',
        'code',
        'details',
        'h2',
        'h3',
        'p',
        'pre',
        'summary',
        'table',
        'tbody',
        'td',
        'th',
        'tr',
      ].sort(),
    );
    // The lines are there as text for the reader, neutralised, the key in none of its forms.
    const text = details[0]?.text ?? '';
    expect(text).toContain(`: :error title=${MARK}::the job says the build failed`);
    expect(text).toContain(`## [add-mask]${MARK}`);
    expect(text).toContain(`[click here](https://evil.example/${MARK})`);
    expect(text).toContain('\\u001b[31mred');
    for (const form of [server.apiKey, Buffer.from(server.apiKey).toString('base64')]) {
      expect(run.summary).not.toContain(form);
      expect(run.outputsText).not.toContain(form);
      expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(form);
    }
    expect(text).toContain('the key: ***, base64: ***, basic: ***');
    // The rows keep the lines as the server sent them, the key redacted.
    expect(run.rows[0].log).toHaveLength(log.length);
    expect(run.rows[0].log[2]).toBe(log[2]);
    expect(run.stdout).not.toMatch(new RegExp(`^::error title=${MARK}`, 'm'));
  });

  it('says what happened in its heading, failures first, with the facts of each job', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [
          { id: 305, stopAfterMs: 600_000 },
          { id: 306 },
          { id: 307, html_url: 'https://xplenty.com.evil.example/xplenation/jobs/307' },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, {
        keys: '306 305 307 999',
        wait: 'true',
        'wait-timeout': '1',
        'poll-interval': '0.2',
      }),
    );
    const rendered = renderSummary(run.summary);
    expect(rendered.all('h2').map((h) => h.text)).toEqual([
      '❌ 1 job not found, 1 still active at the deadline, 2 stopped on Xplenty',
    ]);
    const cells = rendered
      .all('tr')
      .slice(1)
      .map((tr) => tr.all('td').map((td) => td.text));
    expect(cells.map((row) => row.slice(0, 3))).toEqual([
      ['⏱️ timed-out', '305', 'stopping'],
      ['❌ not-found', '999', ''],
      ['✅ ended', '306', 'stopped'],
      ['✅ ended', '307', 'stopped'],
    ]);
    expect(cells[0]?.[3]).toMatch(
      /^package 103 · cluster 176 · started \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ d( \d+ h)? ago\) · runtime 40 s$/,
    );
    // 307's html_url is a look-alike host: no link, and no page_url in its row.
    expect(links(rendered)).toEqual([
      RUN_URL,
      `https://xplenty.com/${server.account}/jobs/305`,
      `https://xplenty.com/${server.account}/jobs/306`,
      `https://xplenty.com/${server.account}/jobs/305`,
    ]);
    expect(run.rows.map((row: { page_url: string | null }) => row.page_url)).toEqual([
      `https://xplenty.com/${server.account}/jobs/306`,
      `https://xplenty.com/${server.account}/jobs/305`,
      null,
      null,
    ]);
    expect(rendered.text).toContain('❌ 1 not-found · ⏱️ 1 timed-out · ✅ 2 ended');
  });

  it('shows a dry run and its jobs with their status', async () => {
    const server = await open.keep(startConnect());
    const run = await runAction(inputsFor(server, { keys: 'all', 'dry-run': 'true' }));
    const rendered = renderSummary(run.summary);
    expect(rendered.all('h2')[0]?.text).toBe(
      '✅ Dry run: 2 jobs would be stopped on Posit Connect',
    );
    const statuses = rendered
      .all('tr')
      .slice(1)
      .map((tr) => tr.all('td')[2]?.text);
    expect(statuses).toEqual(['active', 'active']);
  });

  it('names the stop in its heading when the key is refused', async () => {
    const server = await open.keep(startConnect());
    const run = await runAction(inputsFor(server, { keys: 'all', 'api-key': 'wrong-key-0000' }));
    expect(run.code).toBe(1);
    const rendered = renderSummary(run.summary);
    expect(rendered.all('h2')[0]?.text).toBe(
      '❌ Step failed: the API key was refused, nothing was terminated',
    );
    expect(rendered.text).toContain(
      'Stopped before any job was terminated: Posit Connect did not accept the API key',
    );
  });

  it('is written for invalid inputs too: what was wrong, which inputs', async () => {
    const run = await runAction({
      vendor: 'posit-connect',
      target: 'not-a-guid',
      keys: 'k1',
      'api-key': 'k',
      server: 'https://connect.example.com',
      'log-lines': '500',
    });
    expect(run.code).toBe(1);
    const rendered = renderSummary(run.summary);
    expect(rendered.all('h2')[0]?.text).toBe('❌ Step failed: 2 input problems, nothing was sent');
    // The inputs to check, then the code of the problems' own words (`all`).
    expect(rendered.all('code').map((code) => code.text)).toEqual(['target', 'log-lines', 'all']);
    expect(rendered.all('li').map((li) => li.text)).toEqual([
      expect.stringMatching(/^target: got "not-a-guid", expected the content GUID/),
      'log-lines: got "500", expected a whole number from 0 to 200',
    ]);
  });
});

describe('summaryHtml', () => {
  const format = connectRows(false, (key) => `https://connect.example.com/jobs/${key}`);
  const context = { target: 't', dryRun: false, runUrl: null, stopped: null };

  it('leaves logs out before any row when it runs out of room', () => {
    const line = '<'.repeat(500);
    const rows = Array.from({ length: 500 }, (_, i) => ({
      ...format.errorRow(`k${i}`, '|'.repeat(100)),
      outcome: 'timed-out' as const,
      log: Array.from({ length: 200 }, () => line),
    }));
    const html = summaryHtml(format, rows, context);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
    const rendered = renderSummary(html);
    expect(rendered.all('tr')).toHaveLength(501);
    const shown = rendered.all('details').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(500);
    expect(rendered.text).toContain(`${500 - shown} more log(s) left out`);
    // Each log block keeps its newest lines within its own cap.
    expect(rendered.all('details')[0]?.text).toMatch(/200 log line\(s\) \(the last \d+\)/);
  });

  it('keeps an empty log line from ending the HTML block', () => {
    const rows = [
      { ...format.errorRow('k1', 'x'), outcome: 'timed-out' as const, log: ['a', '', '# b'] },
    ];
    const html = summaryHtml(format, rows, context);
    expect(html).not.toMatch(/\n\s*\n./);
    expect(renderSummary(html).all('pre')[0]?.text).toBe('a\n\n# b');
  });

  it('has a line for how the run signed in, when it says', () => {
    const html = summaryHtml(format, [], { ...context, signedIn: 'Signed in with <an> API key' });
    expect(
      renderSummary(html)
        .all('p')
        .map((p) => p.text),
    ).toContain('Signed in with <an> API key');
  });

  it('escapes every problem of an input error', () => {
    const rendered = renderSummary(inputErrorHtml(['keys: got "<b>[x](y)"'], ['keys']));
    expect(rendered.all('b')).toEqual([]);
    expect(rendered.all('a')).toEqual([]);
  });
});

describe('job pages', () => {
  it.each([
    ['https://xplenty.com/acme/jobs/1', 'https://xplenty.com/acme/jobs/1'],
    ['http://app.xplenty.com/acme/jobs/1', 'http://app.xplenty.com/acme/jobs/1'],
    [
      'https://dashboard.integrate.io/acme/jobs/1?x=a b',
      'https://dashboard.integrate.io/acme/jobs/1?x=a%20b',
    ],
    ['https://INTEGRATE.IO/acme/jobs/1', 'https://integrate.io/acme/jobs/1'],
    ['https://xplenty.com.evil.example/acme/jobs/1', null],
    ['https://evilxplenty.com/acme/jobs/1', null],
    ['https://user:pw@xplenty.com/acme/jobs/1', null],
    ['javascript:alert(1)//xplenty.com', null],
    ['ftp://xplenty.com/x', null],
    ['/acme/jobs/1', null],
    [42, null],
  ])('Xplenty html_url %p is the page %p', (html_url, page) => {
    expect(xplentyPage(html_url)).toBe(page);
  });

  it.each([
    ['https://c.example.com/__api__/', 'https://c.example.com/connect/#/apps/g-1/logs?logKey=k_1'],
    [
      'https://c.example.com/rsc/__api__/',
      'https://c.example.com/rsc/connect/#/apps/g-1/logs?logKey=k_1',
    ],
  ])('Connect job page under the API root %s', (root, page) => {
    expect(connectPage(root, 'g-1', 'k_1')).toBe(page);
  });
});
