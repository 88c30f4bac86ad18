// Issue 26, item 4: every row carries its content item (`app_guid`) whenever the item is known,
// failure rows included (409 code 163, 500, 404), and the summary's table of items holds the
// items of the run, each once, with no item-less row.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

const SECOND = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const GONE = { code: 4, error: 'The requested object does not exist.', payload: null };

interface Row {
  job_key: string;
  app_guid: string | null;
  outcome: string;
}

/** The rows of the summary's table of items: the text of each `<tr>` after the header. */
function itemTableRows(summary: string): string[][] {
  const table = /item\(s\):<\/p>\n<table>\n([\s\S]*?)<\/table>/.exec(summary)?.[1] ?? '';
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)]
    .map(([, cells]) =>
      [...(cells ?? '').matchAll(/<td>(.*?)<\/td>/g)].map(([, cell]) => cell ?? ''),
    )
    .filter((cells) => cells.length > 0);
}

describe('the item of every row', () => {
  it('with several content items, the 409, 500 and 404 rows keep their item', async () => {
    const server = await open.keep(
      startConnect({
        jobs: [{ key: 'endedFirst', endsBeforeKill: true }, { key: 'stopsFine' }],
        items: [{ guid: SECOND, jobs: [{ key: 'breaks' }, { key: 'vanishes' }] }],
      }),
    );
    server.inject({ method: 'DELETE', path: '/jobs/breaks', kind: 'status', status: 500 });
    server.inject({
      method: 'DELETE',
      path: '/jobs/vanishes',
      kind: 'status',
      status: 404,
      body: GONE,
    });
    const run = await runAction({
      vendor: 'posit-connect',
      keys: 'all',
      'api-key': server.apiKey,
      server: server.server,
      target: `${CONNECT_GUID},${SECOND}`,
      retries: '0',
    });
    const rows = run.rows as Row[];
    const itemOf = Object.fromEntries(rows.map((row) => [row.job_key, row.app_guid]));
    const outcomeOf = Object.fromEntries(rows.map((row) => [row.job_key, row.outcome]));
    expect(outcomeOf).toEqual({
      endedFirst: 'not-active',
      stopsFine: 'terminated',
      breaks: 'error',
      vanishes: 'not-found',
    });
    expect(itemOf).toEqual({
      endedFirst: CONNECT_GUID,
      stopsFine: CONNECT_GUID,
      breaks: SECOND,
      vanishes: SECOND,
    });
    const items = itemTableRows(run.summary);
    // Item, title, jobs, kill orders accepted, failures; in the order of their first row.
    expect(items.map((cells) => [cells[0], ...cells.slice(2)])).toEqual([
      [CONNECT_GUID, '2', '1', '0'],
      [SECOND, '2', '0', '2'],
    ]);
  });

  it('with one content item and a key not found there, no table of items appears', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'realJob' }] }));
    const run = await runAction({
      vendor: 'posit-connect',
      keys: 'realJob,noSuchJob',
      'api-key': server.apiKey,
      server: server.server,
      target: CONNECT_GUID,
    });
    const rows = run.rows as Row[];
    expect(rows.map((row) => [row.job_key, row.outcome, row.app_guid])).toEqual([
      ['realJob', 'terminated', CONNECT_GUID],
      ['noSuchJob', 'not-found', CONNECT_GUID],
    ]);
    expect(run.summary).not.toContain('item(s):');
  });

  it('with one content item, the rows of a refused key say their item too', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'realJob' }] }));
    const run = await runAction({
      vendor: 'posit-connect',
      keys: 'realJob,otherJob',
      'api-key': 'not-the-key',
      server: server.server,
      target: CONNECT_GUID,
    });
    expect(run.code).toBe(1);
    const rows = run.rows as Row[];
    expect(rows.map((row) => [row.job_key, row.outcome, row.app_guid])).toEqual([
      ['realJob', 'error', CONNECT_GUID],
      ['otherJob', 'error', CONNECT_GUID],
    ]);
    expect(run.summary).not.toContain('item(s):');
  });
});
