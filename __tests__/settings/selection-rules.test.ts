// The rules of choosing jobs, one by one: durations, start times, bundle ids, URL targets, the
// counting of what each filter leaves out, the inputs, and Connect's one read of the content.
import { afterEach, describe, expect, it } from '@jest/globals';
import { InputError, parseSettings } from '../../src/settings/settings.js';
import type { RawInputs } from '../../src/settings/inputs.js';
import {
  olderThan,
  parseDuration,
  select,
  timestampMs,
  type JobFilter,
} from '../../src/shared/selection.js';
import { ConnectJobs, NO_FILTERS } from '../../src/vendors/connect/index.js';
import {
  bundleIdOf,
  contentGuid,
  notOnBundle,
  taggedAs,
} from '../../src/vendors/connect/selection.js';
import { startConnect } from '../fakes/connect.mjs';
import { connectHttp, connectTarget } from '../helpers/clients.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';

describe('older-than durations', () => {
  it.each([
    ['90s', 90_000, '90s'],
    ['30m', 1_800_000, '30m'],
    ['1.5H', 5_400_000, '1.5h'],
    ['2d', 172_800_000, '2d'],
    ['21600', 21_600_000, '21600s'],
    ['.5h', 1_800_000, '.5h'],
  ])('%s is %i ms, shown as %s', (text, ms, shown) => {
    expect(parseDuration(text)).toEqual({ ms, text: shown });
  });

  it.each(['0', '0h', '-6h', '6w', 'h', '6 hours', '1e3s', '', 'Infinity'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('is strict: a job exactly that old is left alone, one a millisecond older is kept', () => {
    const now = Date.parse('2026-01-02T12:00:00Z');
    const filter = olderThan(
      { ms: 3_600_000, text: '1h' },
      (job) => job.start,
      () => now,
    );
    const at = (start: unknown) => filter.leftOut({ start }) === null;
    expect(at('2026-01-02T11:00:00Z')).toBe(false);
    expect(at('2026-01-02T10:59:59.999Z')).toBe(true);
    expect(at('2026-01-02T11:30:00+01:00')).toBe(true);
    expect(at('2026-01-02T13:00:00Z')).toBe(false);
    expect(at(null)).toBe(false);
  });

  it('reads RFC 3339 times only: epoch numbers and zone-less times are unreadable', () => {
    expect(timestampMs('2024-11-25T22:17:42Z')).toBe(Date.UTC(2024, 10, 25, 22, 17, 42));
    expect(timestampMs('2006-01-02T15:04:05-07:00')).toBe(Date.UTC(2006, 0, 2, 22, 4, 5));
    for (const value of [
      1733415771,
      '1733415771',
      '2024-11-25 22:17:42',
      '2024-11-25T22:17:42',
      'soon',
    ]) {
      expect(timestampMs(value)).toBeNull();
    }
  });
});

describe('Connect bundles, tags and targets', () => {
  it('compares bundle ids by value', () => {
    expect(['127015', '0127015', 127015].map(bundleIdOf)).toEqual(['127015', '127015', '127015']);
    expect(['', '0', 'abc', '12.5', -3, 1.5, null, {}].map(bundleIdOf)).toEqual(
      new Array(8).fill(null),
    );
  });

  it('leaves alone a job whose bundle cannot be read, and says so only when there is one', () => {
    // Judged by previews.ts: bundle 6 was live before.
    const live = { bundle_kind: { kind: 'previous' } };
    const jobs = [
      { bundle_id: '7' },
      { bundle_id: 6, ...live },
      { bundle_id: null },
      { bundle_id: '6', ...live },
    ];
    const listed = jobs.map((job, index) => ({ row: index, job }));
    expect(select(listed, [notOnBundle('7')])).toEqual({
      rows: [1, 3],
      log: 'Found 4 active job(s); 1 is on the active bundle 7 and is left alone; 1 has no readable bundle_id and is left alone.',
    });
    expect(select(listed.slice(0, 2), [notOnBundle('7')]).log).toBe(
      'Found 2 active job(s); 1 is on the active bundle 7 and is left alone.',
    );
  });

  it('leaves alone a job on another bundle that was not judged, or not proven live before', () => {
    const kinds = [undefined, { kind: 'preview', pulls: [12] }, { kind: 'newer' }];
    const listed = kinds.map((bundle_kind, row) => ({ row, job: { bundle_id: '6', bundle_kind } }));
    expect(select(listed, [notOnBundle('7', true)])).toEqual({
      rows: [],
      log: "Found 3 active job(s); 0 are on the active bundle 7 and are left alone; 1 is on a bundle that may be a preview (nothing tells) and is left alone; 1 is on a pull request's preview and is left alone; 1 is on a bundle newer than the active one (a draft, or a version rolled back from) and is left alone.",
    });
  });

  it('counts each filter on what the ones before it kept', () => {
    const listed = ['a', 'b', 'a', 'c'].map((tag, row) => ({ row, job: { tag, bundle_id: '1' } }));
    const filters: JobFilter[] = [taggedAs(['a', 'b']), taggedAs(['a'])];
    expect(select(listed, filters)).toEqual({
      rows: [0, 2],
      log: 'Found 4 active job(s); 1 is not tagged a or b and is left alone; 1 is not tagged a and is left alone.',
    });
    expect(select([], filters)).toEqual({ rows: [], log: 'No active jobs found.' });
  });

  it.each([
    [GUID.toUpperCase(), GUID],
    [`https://c.example.com/connect/#/apps/${GUID}/access`, GUID],
    [`http://c.example.com/rsc/content/${GUID}/`, GUID],
    [`https://c.example.com/content/${GUID}/?guid=${GUID.toUpperCase()}`, GUID],
    [`https://c.example.com/content/${GUID}/?from=${GUID.replace('951', '000')}`, null],
    [`javascript:alert('${GUID}')`, null],
    [`c.example.com/content/${GUID}/`, null],
    [`${GUID}-extra`, null],
  ])('target %s gives %s', (target, guid) => {
    expect(contentGuid(target)).toBe(guid);
  });
});

describe('selection inputs', () => {
  const connect: RawInputs = {
    vendor: 'posit-connect',
    target: GUID,
    keys: 'all',
    'api-key': 'k',
    server: 'https://connect.example.com',
  };
  const problemsOf = (raw: RawInputs): string[] => {
    try {
      parseSettings(raw);
    } catch (error) {
      if (error instanceof InputError) return error.problems;
      throw error;
    }
    return [];
  };

  it("reads Connect's filters into its options", () => {
    const settings = parseSettings({
      ...connect,
      bundle: 'Previous',
      tag: 'run_app,\nbuild_report run_app',
      'older-than': '6h',
    });
    expect(settings.configured.options).toEqual({
      bundle: { kind: 'previous' },
      tags: ['run_app', 'build_report'],
      olderThan: { ms: 21_600_000, text: '6h' },
      content: { tags: [], names: [] },
    });
    expect(parseSettings({ ...connect, bundle: '00042' }).configured.options).toMatchObject({
      bundle: { kind: 'id', id: '42' },
    });
  });

  it('refuses separators alone as tags, and names every problem at once', () => {
    expect(problemsOf({ ...connect, tag: ' , ', bundle: '0', 'older-than': '0s' })).toEqual([
      'bundle: got "0", expected `previous` or a bundle id (digits, like 127015)',
      'tag: got ",", expected job tags of letters, digits and `_` (like run_app)',
      'older-than: got "0s", expected a duration: a positive number with a unit s, m, h or d (90s, 30m, 6h, 2d), or seconds',
    ]);
  });
});

describe('Connect reads the active bundle once, over HTTP', () => {
  type Fake = Awaited<ReturnType<typeof startConnect>>;
  let server: Fake | undefined;
  afterEach(async () => server?.close());

  it('compares a numeric bundle_id from the content with the string ids of the jobs', async () => {
    server = await startConnect({
      jobs: [
        { key: 'old', bundle: '41' },
        { key: 'new', bundle: '42' },
      ],
    });
    server.inject({
      method: 'GET',
      path: /\/content\/[^/]+$/,
      kind: 'status',
      status: 200,
      body: { bundle_id: 42 },
    });
    const client = new ConnectJobs(
      connectHttp(server),
      { target: connectTarget(server.guid), wait: false },
      { ...NO_FILTERS, bundle: { kind: 'previous' } },
    );
    // The server's version first (2024.08.0: no drafts, so bundle 41 was live before).
    await client.prepare(new AbortController().signal);
    const filters = await client.filters(new AbortController().signal);
    const chosen = select(await client.activeJobs(new AbortController().signal), filters);
    expect(chosen.rows.map((row) => row.job_key)).toEqual(['old']);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /__api__/server_settings',
      `GET /__api__/v1/content/${server.guid}`,
      `GET /__api__/v1/content/${server.guid}/jobs`,
    ]);
  });
});
