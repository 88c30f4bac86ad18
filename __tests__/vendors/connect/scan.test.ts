// Several Connect content items, or every item the key can see, in one step: the scan, its
// filters per item, what an item that cannot be read becomes, and the summary by item.
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseSettings } from '../../../src/settings/settings.js';
import type { Log } from '../../../src/shared/log.js';
import { summaryHtml } from '../../../src/report/summary.js';
import { terminateJobs } from '../../../src/execute/terminate.js';
import { waitForJobs } from '../../../src/execute/wait.js';
import { ConnectJobs, NO_FILTERS, type ConnectRow } from '../../../src/vendors/connect/index.js';
import type { ConnectInputs } from '../../../src/vendors/connect/selection.js';
import { CONNECT_GUID, startConnect } from '../../fakes/connect.mjs';
import { runAction } from '../../fakes/runner.mjs';
import { inputsFor, openSet } from '../../fakes/setup.mjs';
import { connectTarget, connectHttp } from '../../helpers/clients.js';

const open = openSet();
afterEach(open.closeAll);

const never = new AbortController().signal;
const guid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const key = (item: number, job: number) => `item${item}job${String(job).padStart(8, '0')}`;

type Fake = Awaited<ReturnType<typeof startConnect>>;
type Item = NonNullable<Parameters<typeof startConnect>[0]>['items'];

/** A server with CONNECT_GUID (one job, `main0000000000001`) and `items`. */
async function server(items: Item, options: Parameters<typeof startConnect>[0] = {}) {
  return open.keep(startConnect({ jobs: [{ key: 'main000000000001' }], items, ...options }));
}

/** The kill phase (dry run unless told) for `target`, with what it logged. */
async function scan(
  fake: Fake,
  target: string,
  inputs: Partial<ConnectInputs> = {},
  options: { dryRun?: boolean; wait?: boolean } = {},
) {
  const lines: string[] = [];
  const log: Log = { info: (line) => lines.push(line) };
  const http = connectHttp(fake, { connections: 8 });
  const plan = { target: connectTarget(target), wait: options.wait ?? false, concurrency: 4, log };
  const vendor = new ConnectJobs(http, plan, { ...NO_FILTERS, ...inputs });
  const kill = { all: true, keys: [], dryRun: options.dryRun ?? true, concurrency: 4 };
  const report = await terminateJobs(vendor, kill, log, never);
  return { ...report, lines, vendor, http };
}

const paths = (fake: Fake, method = 'GET') =>
  fake.requests.filter((r) => r.method === method).map((r) => r.path.replace('/__api__/', ''));
const keysOf = (rows: ConnectRow[]) => rows.map((row) => [row.app_guid, row.job_key, row.outcome]);

describe('several content items', () => {
  it('lists the jobs of each named item, rows in the order of `target`, each with its item', async () => {
    const fake = await server([
      { guid: guid(1), jobs: [{ key: key(1, 1) }, { key: key(1, 2), status: 2 }] },
      { guid: guid(2), jobs: [{ key: key(2, 1) }] },
    ]);
    const {
      rows,
      lines,
      stop: { message: stopped },
    } = await scan(fake, `${guid(2)},${guid(1)}`);
    expect(stopped).toBeNull();
    expect(keysOf(rows)).toEqual([
      [guid(2), key(2, 1), 'dry-run'],
      [guid(1), key(1, 1), 'dry-run'],
    ]);
    expect(rows[0]?.app_id).toBe(60001);
    expect(lines).toContain('Scanned 2 content item(s): 2 had active jobs.');
    // No filter needs the items themselves: only their jobs are read.
    expect(paths(fake)).toEqual([
      'server_settings',
      `v1/content/${guid(2)}/jobs`,
      `v1/content/${guid(1)}/jobs`,
    ]);
  });

  it('sends each kill order to the item the job was listed under', async () => {
    const fake = await server([
      { guid: guid(1), jobs: [{ key: key(1, 1) }] },
      { guid: guid(2), jobs: [{ key: key(2, 1) }] },
    ]);
    const { rows } = await scan(fake, `${guid(1)},${guid(2)}`, {}, { dryRun: false });
    expect(keysOf(rows)).toEqual([
      [guid(1), key(1, 1), 'terminated'],
      [guid(2), key(2, 1), 'terminated'],
    ]);
    expect(paths(fake, 'DELETE')).toEqual([
      `v1/content/${guid(1)}/jobs/${key(1, 1)}`,
      `v1/content/${guid(2)}/jobs/${key(2, 1)}`,
    ]);
  });

  it('gives a named item that is gone or refuses access a row of its own; the others go on', async () => {
    const fake = await server([
      { guid: guid(1), refuses: 'gone' },
      { guid: guid(2), refuses: 'forbidden' },
      { guid: guid(3), jobs: [{ key: key(3, 1) }] },
    ]);
    const {
      rows,
      lines,
      stop: { message: stopped },
    } = await scan(fake, [1, 2, 3].map(guid).join(' '));
    expect(stopped).toBeNull();
    expect(keysOf(rows)).toEqual([
      [guid(1), '', 'not-found'],
      [guid(2), '', 'error'],
      [guid(3), key(3, 1), 'dry-run'],
    ]);
    expect(rows[1]).toMatchObject({
      code: 22,
      error: `content ${guid(2)} not scanned: GET v1/content/${guid(2)}/jobs answered HTTP 403, code 22: You don't have permission to perform this operation.`,
    });
    expect(lines[0]).toBe(
      `Scanned 3 content item(s): 1 had active jobs; 1 vanished during the scan (not found): ${guid(1)}; 1 refused access (not allowed): ${guid(2)}.`,
    );
  });

  it('terminates what it may when one kill order is refused with a 403: a row, not a stop', async () => {
    const fake = await server([{ guid: guid(1), jobs: [{ key: key(1, 1) }] }]);
    fake.inject({
      method: 'DELETE',
      path: guid(1),
      kind: 'status',
      status: 403,
      body: { code: 22, error: 'Forbidden.', payload: null },
    });
    const {
      rows,
      stop: { message: stopped },
    } = await scan(fake, `${CONNECT_GUID} ${guid(1)}`, {}, { dryRun: false });
    expect(stopped).toBeNull();
    expect(rows.map((row) => [row.job_key, row.outcome, row.code])).toEqual([
      ['main000000000001', 'terminated', null],
      [key(1, 1), 'error', 22],
    ]);
  });

  it('a job key listed under a second item is an error row there, never sent to it', async () => {
    const fake = await server([
      { guid: guid(1), jobs: [{ key: 'sharedKey0000001' }, { key: key(1, 1) }] },
      { guid: guid(2), jobs: [{ key: 'sharedKey0000001' }] },
    ]);
    const { rows } = await scan(fake, `${guid(1)},${guid(2)}`, {}, { dryRun: false });
    expect(rows.map((row) => [row.app_guid, row.job_key, row.outcome, row.error])).toEqual([
      [guid(1), 'sharedKey0000001', 'terminated', null],
      [guid(1), key(1, 1), 'terminated', null],
      [
        guid(2),
        'sharedKey0000001',
        'error',
        'not sent: the server listed this job key under two content items',
      ],
    ]);
    expect(paths(fake, 'DELETE')).toEqual([
      `v1/content/${guid(1)}/jobs/sharedKey0000001`,
      `v1/content/${guid(1)}/jobs/${key(1, 1)}`,
    ]);
  });

  it('a refused key still stops the run before any kill order', async () => {
    const fake = await server([{ guid: guid(1), jobs: [{ key: key(1, 1) }] }]);
    fake.inject({
      path: `${guid(1)}/jobs`,
      kind: 'status',
      status: 401,
      body: { code: 30, error: "We couldn't log you in.", payload: null },
    });
    const {
      rows,
      stop: { message: stopped },
    } = await scan(fake, `${CONNECT_GUID},${guid(1)}`, {}, { dryRun: false });
    expect(stopped).toMatch(
      /^Posit Connect did not accept the API key \(GET v1\/content\/.*\/jobs answered HTTP 401/,
    );
    expect(rows).toEqual([]);
    expect(paths(fake, 'DELETE')).toEqual([]);
  });

  it('`bundle: previous` reads each named item once and keeps the jobs not on its own active bundle', async () => {
    const fake = await server([
      {
        guid: guid(1),
        title: 'Sales API',
        bundle: '7',
        jobs: [
          { key: key(1, 1), bundle: '6' },
          { key: key(1, 2), bundle: '7' },
        ],
      },
      { guid: guid(2), bundle: '6', jobs: [{ key: key(2, 1), bundle: '6' }] },
      { guid: guid(3), bundle: null, jobs: [{ key: key(3, 1), bundle: '1' }] },
    ]);
    const { rows, lines, selection } = await scan(fake, [1, 2, 3].map(guid).join(','), {
      bundle: { kind: 'previous' },
    });
    expect(keysOf(rows)).toEqual([[guid(1), key(1, 1), 'dry-run']]);
    expect(lines[1]).toBe(
      "Found 4 active job(s); 2 are on their content item's active bundle and are left alone; 1 is of a content item that names no active bundle and is left alone.",
    );
    expect(selection).toBe("every active job not on their content item's active bundle");
    expect(paths(fake).filter((path) => !path.endsWith('/jobs'))).toEqual([
      'server_settings',
      ...[1, 2, 3].map((i) => `v1/content/${guid(i)}`),
    ]);
  });
});

describe('target: all', () => {
  const items = () => [
    {
      guid: guid(1),
      name: 'sales-api',
      title: 'Sales API',
      tags: ['prod'],
      jobs: [{ key: key(1, 1) }],
    },
    { guid: guid(2), name: 'etl', tags: ['Internal Solutions'], jobs: [{ key: key(2, 1) }] },
    { guid: guid(3), name: 'quiet', jobs: [{ key: key(3, 1), status: 1 }] },
  ];

  it('lists every content item the key can see, then the jobs of each', async () => {
    const fake = await server(items());
    const { rows, lines } = await scan(fake, 'all');
    expect(keysOf(rows)).toEqual([
      [CONNECT_GUID, 'main000000000001', 'dry-run'],
      [guid(1), key(1, 1), 'dry-run'],
      [guid(2), key(2, 1), 'dry-run'],
    ]);
    expect(lines[0]).toBe('Listed 4 content item(s); scanned 4: 3 had active jobs.');
    expect(paths(fake)[1]).toBe('v1/content');
    // The content list names each item's bundle: no item is read on its own.
    expect(paths(fake).filter((path) => /^v1\/content\/[^/]+$/.test(path))).toEqual([]);
  });

  it('content-tag and content-name narrow the items before any of their jobs is listed', async () => {
    const fake = await server(items());
    const tagged = await scan(fake, 'all', {
      content: { tags: ['Internal Solutions', 'prod'], names: [] },
    });
    expect(keysOf(tagged.rows)).toEqual([
      [guid(1), key(1, 1), 'dry-run'],
      [guid(2), key(2, 1), 'dry-run'],
    ]);
    expect(tagged.lines[0]).toBe(
      'Listed 4 content item(s), 2 of them tagged Internal Solutions or prod; scanned 2: 2 had active jobs.',
    );
    expect(fake.requests.find((r) => r.path.endsWith('/v1/content'))?.query.get('include')).toBe(
      'tags',
    );
    fake.requests.length = 0;
    const named = await scan(fake, 'all', {
      content: { tags: ['prod'], names: ['etl', 'sales-api'] },
    });
    expect(keysOf(named.rows)).toEqual([[guid(1), key(1, 1), 'dry-run']]);
    expect(paths(fake).filter((path) => path.endsWith('/jobs'))).toEqual([
      `v1/content/${guid(1)}/jobs`,
    ]);
  });

  it('an item that vanishes or refuses access during the scan is a note in the log, not a row', async () => {
    const fake = await server([
      ...items(),
      { guid: guid(4), refuses: 'gone' },
      { guid: guid(5), refuses: 'forbidden' },
    ]);
    fake.inject({ path: `${guid(1)}/jobs`, kind: 'html', status: 502 });
    const {
      rows,
      lines,
      stop: { message: stopped },
    } = await scan(fake, 'all');
    expect(stopped).toBeNull();
    expect(keysOf(rows)).toEqual([
      [CONNECT_GUID, 'main000000000001', 'dry-run'],
      [guid(1), '', 'error'],
      [guid(2), key(2, 1), 'dry-run'],
    ]);
    expect(lines[0]).toBe(
      `Listed 6 content item(s); scanned 6: 2 had active jobs; 1 vanished during the scan (not found): ${guid(4)}; 1 refused access (not allowed): ${guid(5)}; 1 could not be read: ${guid(1)}.`,
    );
  });

  it('odd GUIDs in the content list become error rows and never reach a URL; duplicates count once', async () => {
    const fake = await server(items());
    const listed = (guids: unknown[]) =>
      guids.map((id) => ({ guid: id, title: 'x', bundle_id: '1' }));
    fake.inject({
      path: /\/v1\/content$/,
      kind: 'status',
      status: 200,
      body: listed([
        '../../server_settings',
        guid(1).toUpperCase(),
        guid(1),
        { $: 1 },
        'a/b',
        null,
      ]),
    });
    const { rows } = await scan(fake, 'all');
    expect(rows.map((row) => [row.job_key, row.app_guid, row.outcome])).toEqual([
      ['', null, 'error'],
      ['', null, 'error'],
      ['', null, 'error'],
      ['', null, 'error'],
      [key(1, 1), guid(1), 'dry-run'],
    ]);
    expect(rows[0]?.error).toBe(
      'not scanned: the server listed a content item under a GUID that is not a UUID: ../../server_settings',
    );
    expect(paths(fake)).toEqual(['server_settings', 'v1/content', `v1/content/${guid(1)}/jobs`]);
  });

  it.each([
    ['an object', { items: [] }],
    ['a page of HTML', undefined],
  ])('a content list that is %s stops the run before any kill order', async (_, body) => {
    const fake = await server(items());
    fake.inject(
      body === undefined
        ? { path: /\/v1\/content$/, kind: 'html', status: 200 }
        : { path: /\/v1\/content$/, kind: 'status', status: 200, body },
    );
    const {
      stop: { message: stopped },
      rows,
    } = await scan(fake, 'all', {}, { dryRun: false });
    expect(stopped).toMatch(/^Could not list the content items: GET v1\/content answered HTTP 200/);
    expect(rows).toEqual([]);
    expect(paths(fake, 'DELETE')).toEqual([]);
  });

  it('follows a Link: rel="next" of the content list, within the API root', async () => {
    const fake = await server(items(), { listless: true });
    fake.inject({
      path: /\/v1\/content$/,
      times: 1,
      kind: 'status',
      status: 200,
      headers: { link: '</__api__/v1/content?page=2>; rel="next"' },
      body: [{ guid: guid(9), bundle_id: '1' }],
    });
    const { lines } = await scan(fake, 'all');
    expect(lines[0]).toBe(
      'Listed 4 content item(s); scanned 4: 2 had active jobs; 1 vanished during the scan (not found): 00000000-0000-4000-8000-000000000009.',
    );
  });

  it('waits by one list per item for the jobs of several items', async () => {
    // The jobs end together: a job left alone in its item is polled on its own (one request
    // either way), which kill orders spread out by a loaded machine would otherwise cause.
    const stopsAt = Date.now() + 300;
    const fake = await server([
      { guid: guid(1), jobs: [1, 2, 3].map((j) => ({ key: key(1, j), stopsAt })) },
      { guid: guid(2), jobs: [1, 2, 3].map((j) => ({ key: key(2, j), stopsAt })) },
    ]);
    const { rows, http, vendor } = await scan(
      fake,
      `${guid(1)},${guid(2)}`,
      {},
      { dryRun: false, wait: true },
    );
    const before = fake.requests.length;
    const { rows: final } = await waitForJobs(
      vendor,
      rows,
      { timeoutMs: 5000, intervalMs: 100, concurrency: 4 },
      http.gate,
      { info: () => undefined },
      never,
    );
    expect(final.map((row) => [row.app_guid, row.outcome, row.status])).toEqual([
      ...[1, 2, 3].map(() => [guid(1), 'ended', 2]),
      ...[1, 2, 3].map(() => [guid(2), 'ended', 2]),
    ]);
    const waited = fake.requests.slice(before).map((r) => r.path);
    expect(waited.every((path) => path.endsWith('/jobs'))).toBe(true);
    expect(new Set(waited)).toEqual(
      new Set([1, 2].map((i) => `/__api__/v1/content/${guid(i)}/jobs`)),
    );
  });
});

describe('inputs for several content items', () => {
  const raw = (inputs: Record<string, string>) => ({
    vendor: 'connect',
    'api-key': 'k',
    server: 'https://connect.example.com',
    keys: 'all',
    ...inputs,
  });

  it('collapses a GUID given twice, as a GUID or a URL, and keeps the first place', () => {
    const settings = parseSettings(
      raw({
        target: `${guid(2)}, ${guid(1)}\nhttps://connect.example.com/connect/#/apps/${guid(2).toUpperCase()}/access`,
      }),
    );
    expect(settings.target.text).toBe(`${guid(2)},${guid(1)}`);
    expect(parseSettings(raw({ target: 'ALL' })).target.text).toBe('all');
  });

  it.each([
    [
      'several items with explicit keys',
      { target: `${guid(1)} ${guid(2)}`, keys: 'k1' },
      'target: several content items or `all` go with `keys: all`',
    ],
    [
      'all with explicit keys',
      { target: 'all', keys: 'k1' },
      'target: several content items or `all` go with `keys: all`',
    ],
    [
      'all among GUIDs',
      { target: `all ${guid(1)}` },
      // The token that is wrong, not the whole input.
      'target: got "all", expected the content GUID',
    ],
    [
      'content-tag without target: all',
      { target: guid(1), 'content-tag': 'prod' },
      'content-tag: only with `target: all`',
    ],
    [
      'content-name without target: all',
      { target: guid(1), 'content-name': 'etl' },
      'content-name: only with `target: all`',
    ],
    [
      'content-tag of separators alone',
      { target: 'all', 'content-tag': ' , ' },
      'content-tag: got ",", no name in it',
    ],
    [
      'content-tag for Xplenty',
      { vendor: 'xplenty', target: 'acme', 'content-tag': 'prod' },
      'content-tag: only for vendor posit-connect',
    ],
  ])('refuses %s', (_, inputs, message) => {
    expect(() => parseSettings(raw(inputs))).toThrow(message);
  });

  it('reads content-tag by commas and newlines (a tag may hold spaces), content-name like keys', () => {
    const settings = parseSettings(
      raw({
        target: 'all',
        'content-tag': 'Internal Solutions, prod\nprod',
        'content-name': 'etl sales-api,etl',
      }),
    );
    expect(settings.configured.options).toMatchObject({
      content: { tags: ['Internal Solutions', 'prod'], names: ['etl', 'sales-api'] },
    });
  });
});

describe('the summary by content item', () => {
  it('counts the rows of each item, with its title where it was read', async () => {
    const fake = await server([
      { guid: guid(1), title: 'Sales <API>', jobs: [{ key: key(1, 1) }, { key: key(1, 2) }] },
      { guid: guid(2), refuses: 'forbidden' },
    ]);
    const { rows, vendor } = await scan(fake, 'all', {}, { dryRun: false });
    const html = summaryHtml(vendor.rows, rows, {
      target: 'all',
      dryRun: false,
      runUrl: null,
      stopped: null,
    });
    expect(html).toContain('<p>2 item(s):</p>');
    expect(html).toContain(
      `<tr><td>${CONNECT_GUID}</td><td>Sales dashboard</td><td>1</td><td>1</td><td>0</td></tr>`,
    );
    expect(html).toContain(
      `<tr><td>${guid(1)}</td><td>Sales &#60;API&#62;</td><td>2</td><td>2</td><td>0</td></tr>`,
    );
  });

  it('has no table of items for one content item', async () => {
    const fake = await server([]);
    const { rows, vendor } = await scan(fake, CONNECT_GUID, {}, { dryRun: false });
    const html = summaryHtml(vendor.rows, rows, {
      target: CONNECT_GUID,
      dryRun: false,
      runUrl: null,
      stopped: null,
    });
    expect(html).not.toContain('item(s):');
  });
});

describe('dist/index.js with several content items', () => {
  it('target: all, dry run: rows of every item, the scan in the log, the summary by item', async () => {
    const fake = await server([
      { guid: guid(1), title: 'Sales API', tags: ['prod'], jobs: [{ key: key(1, 1) }] },
      { guid: guid(2), tags: ['prod'], refuses: 'gone' },
    ]);
    const run = await runAction(
      inputsFor(fake, { target: 'all', keys: 'all', 'dry-run': 'true', 'content-tag': 'prod' }),
    );
    expect(run.code).toBe(0);
    expect(run.rows.map((row: ConnectRow) => [row.app_guid, row.job_key, row.outcome])).toEqual([
      [guid(1), key(1, 1), 'dry-run'],
    ]);
    expect(run.stdout).toContain(
      `Listed 3 content item(s), 2 of them tagged prod; scanned 2: 1 had active jobs; 1 vanished during the scan (not found): ${guid(2)}.`,
    );
  });

  it('several named items, one of them missing: the others terminated, the step fails on its row', async () => {
    const fake = await server([{ guid: guid(1), jobs: [{ key: key(1, 1) }] }]);
    const run = await runAction(inputsFor(fake, { target: `${guid(1)} ${guid(7)}`, keys: 'all' }));
    expect(run.code).toBe(1);
    expect(run.outputs.terminated).toBe('1');
    expect(run.outputs.failed).toBe('1');
    expect(run.rows.map((row: ConnectRow) => [row.app_guid, row.job_key, row.outcome])).toEqual([
      [guid(1), key(1, 1), 'terminated'],
      [guid(7), '', 'not-found'],
    ]);
    expect(run.summary).toContain('<p>2 item(s):</p>');
  });
});
