// The hostile-server matrix of issue 10 (hostile-*.test.ts), lists: what a server lists is checked
// like an input, and a list is complete and bounded however the server pages it. Each row runs the
// committed dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes, with
// the hostile answers injected through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { expectClean } from '../helpers/hostile.js';
import { fakesForEachTest, rowsOf, sent } from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest({ retries: '0' });

/** The `keys` that asks for every active job. */
const ALL = 'all';

/** The fake Xplenty answers its list of running jobs with `answer` (a body or text, headers). */
function answerRunningList(
  server: Awaited<ReturnType<typeof xplenty>>['server'],
  answer: Record<string, unknown>,
): void {
  server.inject({
    method: 'GET',
    path: /\/jobs$/,
    query: 'status=running',
    kind: 'status',
    status: 200,
    ...answer,
  });
}

describe('3. what a server names is checked like an input', () => {
  it('Connect: listed keys `..`, `.`, `a/b` and a duplicate never reach a URL', async () => {
    const { server, inputs } = await connect(['ok1']);
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      kind: 'status',
      status: 200,
      body: ['..', '.', 'a/b', 'ok1', 'ok1', '%2e%2e'].map((key) => ({ key, id: '1', status: 0 })),
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(sent(server, 'DELETE')).toEqual([`/__api__/v1/content/${server.guid}/jobs/ok1`]);
    const rows = rowsOf(run);
    expect(rows.map((row) => [row.job_key, row.outcome])).toEqual([
      ['..', 'error'],
      ['.', 'error'],
      ['a/b', 'error'],
      ['ok1', 'terminated'],
      ['%2e%2e', 'error'],
    ]);
    expect(run.outputs.failed).toBe('4');
    expectClean(run);
  });

  it('Xplenty: an id above 2^53 is refused, not rounded; "305" counts as 305; "200" matches package 200', async () => {
    const { server, inputs } = await xplenty([305], { jobs: [{ id: 305, package_id: 200 }] });
    answerRunningList(server, {
      text: '[{"id":9007199254740993,"status":"running","package_id":200},{"id":"305","status":"running","package_id":"200"},{"id":305,"status":"running","package_id":200}]',
    });
    const run = await runAction({ ...inputs, keys: ALL, 'package-id': '200' });
    expect(sent(server, 'DELETE')).toEqual([`/${server.account}/api/jobs/305`]);
    expect(rowsOf(run).map((row) => [String(row.id), row.outcome])).toEqual([
      ['305', 'terminated'],
      ['9007199254740993', 'error'],
    ]);
    expectClean(run);
  });
});

describe('4. lists are complete and bounded', () => {
  it('the same full page again and again: a clear error after two pages, nothing killed', async () => {
    const { server, inputs } = await xplenty([]);
    const page = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, status: 'running' }));
    answerRunningList(server, {
      body: page,
    });
    const run = await runAction({ ...inputs, keys: ALL }, { killAfterMs: 20_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Could not list the running jobs: the page .* brings no new job/,
    );
    expect(sent(server, 'GET').length).toBeLessThan(10);
    expect(sent(server, 'DELETE')).toEqual([]);
    expectClean(run);
  });

  it('new ids on every page, for ever: stops at the page ceiling with a clear error', async () => {
    const { server, inputs } = await xplenty([]);
    answerRunningList(server, {
      body: (url: URL) => [
        { id: 1_000_000 + Number(url.searchParams.get('offset') ?? 0), status: 'running' },
      ],
      headers: (url: URL) => {
        const next = new URL(url.href.replace('http://fake', server.url));
        next.searchParams.set('offset', String(Number(url.searchParams.get('offset') ?? 0) + 1));
        return { link: `<${next.href}>; rel="next"` };
      },
    });
    const run = await runAction({ ...inputs, keys: ALL }, { killAfterMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1,?000 pages/);
    expect(sent(server, 'GET').length).toBeLessThanOrEqual(1_010);
    expect(sent(server, 'DELETE')).toEqual([]);
  }, 90_000);

  it('a server that pages by 50 and says so with Link: rel="next": all 120 jobs terminated', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => 1000 + i);
    const { server, inputs } = await xplenty(ids, { maxPageSize: 50 });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(0);
    expect(sent(server, 'DELETE')).toHaveLength(120);
    expect(run.outputs.terminated).toBe('120');
  });

  it('a Link that leaves the API root is not followed', async () => {
    const { server, inputs } = await xplenty([305]);
    answerRunningList(server, {
      body: [{ id: 305, status: 'running' }],
      headers: { link: `<${server.url}/other/api/jobs?offset=1>; rel="next"` },
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(1);
    expect(server.requests.some((r) => r.path.startsWith('/other'))).toBe(false);
    expect(sent(server, 'DELETE')).toEqual([]);
  });

  it('a job moving queued -> running while the statuses are listed is not missed', async () => {
    const { server, inputs } = await xplenty([], {
      jobs: [{ id: 305, status: 'queued' }, { id: 306 }],
    });
    // The queued list is answered late; by then the job runs (and the running list may be done).
    server.inject({
      method: 'GET',
      path: /\/jobs$/,
      query: 'status=queued',
      kind: 'delay',
      ms: 300,
      then: () => {
        const job = server.job(305) as { status: string } | undefined;
        if (job) server.addJob({ id: 305, status: 'running' });
      },
    });
    const run = await runAction({ ...inputs, keys: ALL });
    expect(run.code).toBe(0);
    expect(sent(server, 'DELETE').sort()).toEqual([
      `/${server.account}/api/jobs/305`,
      `/${server.account}/api/jobs/306`,
    ]);
  });
});
