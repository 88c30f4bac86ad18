// `log-lines`: the last lines of the logs of the jobs a person would ask about (still active
// after the kill, or every job a watchdog stopped), read once each after the kill and the wait,
// over real HTTP from the fakes, with the committed dist/index.js run as the runner runs it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { renderSummary } from '../helpers/gfm.js';
import { writeResults } from '../../src/report/outputs.js';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const open = openSet();
afterEach(open.closeAll);

type Row = Record<string, unknown> & { outcome: string; log?: string[] };
type Logged = { method: string; path: string; query: URLSearchParams };
const HOUR = 3_600_000;
const logRequests = (server: { requests: Logged[] }): Logged[] =>
  server.requests.filter((r) => r.path.endsWith('/log'));
const lines = (n: number, prefix = 'line') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('log-lines on Posit Connect', () => {
  it('reads the last lines of a job still active at the deadline, once, and none of the jobs that ended', async () => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'stuckJob00000001', stopAfterMs: 600_000, log: lines(30) },
          { key: 'quickJob00000001' },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, {
        keys: 'stuckJob00000001 quickJob00000001',
        wait: 'true',
        'wait-timeout': '1',
        'poll-interval': '0.2',
        'log-lines': '5',
      }),
    );
    expect(run.code).toBe(1);
    const [stuck, quick] = run.rows as Row[];
    expect(stuck).toMatchObject({ outcome: 'timed-out', log: lines(30).slice(-5) });
    expect(quick?.outcome).toBe('ended');
    expect(quick).not.toHaveProperty('log');
    const asked = logRequests(server);
    expect(asked.map((r) => [r.method, r.path, r.query.get('maxLogLines')])).toEqual([
      ['GET', `/__api__/v1/content/${server.guid}/jobs/stuckJob00000001/log`, '5'],
    ]);
    // The log comes after the wait, never during it.
    const lastPoll = server.requests.findLastIndex((r) => r.path.endsWith('stuckJob00000001'));
    expect(server.requests.indexOf(asked[0] as never)).toBeGreaterThan(lastPoll);
  });

  it('with older-than, shows the log of every job it stopped: one request per job, the default 20 lines', async () => {
    const old = { startedAgoMs: 7 * HOUR, log: lines(25) };
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'oldJob0000000001', ...old },
          { key: 'oldJob0000000002', ...old },
          { key: 'youngJob00000001', startedAgoMs: 60_000 },
        ],
      }),
    );
    const run = await runAction(inputsFor(server, { keys: 'all', 'older-than': '6h' }));
    expect(run.code).toBe(0);
    expect((run.rows as Row[]).map((row) => [row.job_key, row.log?.length])).toEqual([
      ['oldJob0000000001', 20],
      ['oldJob0000000002', 20],
    ]);
    expect(logRequests(server).map((r) => r.path.split('/').at(-2))).toEqual([
      'oldJob0000000001',
      'oldJob0000000002',
    ]);
    const rendered = renderSummary(run.summary);
    expect(rendered.all('details')).toHaveLength(2);
  });

  it('log-lines 0 and dry-run send no log request and give no `log`', async () => {
    const jobs = [{ key: 'oldJob0000000001', startedAgoMs: 7 * HOUR }];
    const extras: Record<string, string>[] = [{ 'log-lines': '0' }, { 'dry-run': 'true' }];
    for (const extra of extras) {
      const server = await open.keep(startConnect({ jobs }));
      const run = await runAction(inputsFor(server, { keys: 'all', 'older-than': '6h', ...extra }));
      expect(run.code).toBe(0);
      expect(logRequests(server)).toEqual([]);
      expect(run.rows[0]).not.toHaveProperty('log');
    }
  });

  it('an unreadable log is a note in the summary, never a failed row or step', async () => {
    const server = await open.keep(
      startConnect({ jobs: [{ key: 'oldJob0000000001', startedAgoMs: 7 * HOUR }] }),
    );
    server.inject({ path: '/log', kind: 'html', status: 502 });
    const run = await runAction(
      inputsFor(server, { keys: 'all', 'older-than': '6h', retries: '0' }),
    );
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([expect.objectContaining({ outcome: 'terminated' })]);
    expect(run.rows[0]).not.toHaveProperty('log');
    expect(run.outputs.failed).toBe('0');
    const rendered = renderSummary(run.summary);
    expect(rendered.all('details')).toEqual([]);
    expect(rendered.text).toContain('oldJob0000000001: no log: GET v1/content/');
    expect(rendered.text).toContain('answered HTTP 502');
    expect(run.stdout).toContain('Read the last log lines of 0 of 1 job(s); 1 could not be read');
  });
});

describe('log-lines on Xplenty', () => {
  it("reads the log's body once for a job still running at the deadline, its last lines", async () => {
    const server = await open.keep(
      startXplenty({ jobs: [{ id: 305, stopAfterMs: 600_000, log: lines(8) }] }),
    );
    const run = await runAction(
      inputsFor(server, {
        keys: '305',
        wait: 'true',
        'wait-timeout': '1',
        'poll-interval': '0.2',
        'log-lines': '3',
      }),
    );
    expect(run.rows).toEqual([
      expect.objectContaining({ id: 305, outcome: 'timed-out', log: lines(8).slice(-3) }),
    ]);
    expect(logRequests(server).map((r) => r.path)).toEqual([`/${server.account}/api/jobs/305/log`]);
  });

  it('never reads a log from the part of the rate budget kept for the rest of the workflow', async () => {
    // 100 credits an hour, 30 left: the 4 lists and 5 kill orders leave 21, one above the
    // reserve of 20, so one log is read and the four others are notes.
    const ids = [301, 302, 303, 304, 305];
    const server = await open.keep(
      startXplenty({
        jobs: ids.map((id) => ({ id, startedAgoMs: 7 * HOUR })),
        rateLimit: 100,
        rateRemaining: 30,
      }),
    );
    const run = await runAction(
      inputsFor(server, { keys: 'all', 'older-than': '6h', concurrency: '1' }),
    );
    expect(run.code).toBe(0);
    expect((run.rows as Row[]).filter((row) => row.log !== undefined)).toHaveLength(1);
    expect(logRequests(server)).toHaveLength(1);
    expect(server.rate.remaining).toBeGreaterThanOrEqual(20);
    const notes = renderSummary(run.summary)
      .all('p')
      .filter((p) => p.text.includes('no log'));
    expect(notes.map((p) => p.text)).toEqual(
      ids
        .slice(1)
        .map(
          (id) =>
            `✅ ${id}: no log: not read: the rate budget left is kept for the rest of the workflow`,
        ),
    );
  });
});

describe('results and logs', () => {
  it('drops the logs from `results` before any row, and keeps them in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    try {
      const rows = Array.from({ length: 20 }, (_, i) => ({
        id: i,
        log: lines(100, 'x'.repeat(50)),
      }));
      const withoutLog = ({ id }: { id: number }) => ({ id });
      const written = writeResults(rows, dir, () => 0, { budget: 10_000, lighter: withoutLog });
      expect(JSON.parse(written.results)).toEqual(rows.map(withoutLog));
      expect(written).toMatchObject({ omitted: 0, lightened: true });
      expect(JSON.parse(readFileSync(written.file, 'utf8'))).toEqual(rows);
      // Within the budget, the logs stay.
      expect(
        writeResults(rows.slice(0, 1), dir, () => 0, { budget: 10_000, lighter: withoutLog }),
      ).toMatchObject({
        lightened: false,
        results: JSON.stringify(rows.slice(0, 1)),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
