// Trust, round two (issue 18): an outcome only on the vendor's word, a listed job re-checked
// against what was asked, a refused key that stops the wait too, and records kept when the
// runner's files are not where they should be. Each runs the committed dist/index.js.
import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = Record<string, unknown> & { outcome: string; error: string | null };
const PORTAL = '<html><body><form action="/login">Sign in to continue</form></body></html>';

describe('an order is claimed only on the vendor API’s word', () => {
  it('Connect: a 200 HTML page (a sign-in portal) is an error row, not a kill', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k3sHkEoWJNwQim7g' }] }));
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 200,
      text: PORTAL,
      headers: { 'content-type': 'text/html' },
    });
    const run = await runAction(inputsFor(server, { keys: 'k3sHkEoWJNwQim7g', retries: '0' }));
    const [row] = run.rows as Row[];
    expect(row?.outcome).toBe('error');
    expect(row?.error).toMatch(/^the answer did not come from the Posit Connect API \(HTTP 200/);
    expect(run.outputs.terminated).toBe('0');
    expect(run.code).toBe(1);
  });

  it('Connect: a 204 with no body is an accepted order', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k3sHkEoWJNwQim7g' }] }));
    server.inject({ method: 'DELETE', kind: 'status', status: 204 });
    const run = await runAction(inputsFor(server, { keys: 'k3sHkEoWJNwQim7g' }));
    expect((run.rows as Row[])[0]?.outcome).toBe('terminated');
    expect(run.code).toBe(0);
  });

  it('Xplenty: a 200 text page is an error row; 201 and 202 with the job are accepted', async () => {
    const server = await open.keep(startXplenty({ jobs: [{ id: 1 }, { id: 2 }, { id: 3 }] }));
    const job = (id: number) => ({ id, status: 'pending_stoppage', package_id: 7 });
    server.inject({ method: 'DELETE', path: '/jobs/1', kind: 'status', status: 200, text: 'OK' });
    server.inject({ method: 'DELETE', path: '/jobs/2', kind: 'status', status: 201, body: job(2) });
    server.inject({ method: 'DELETE', path: '/jobs/3', kind: 'status', status: 202, body: job(3) });
    const run = await runAction(inputsFor(server, { keys: '1 2 3', retries: '0' }));
    const rows = run.rows as Row[];
    expect(rows.map((row) => row.outcome)).toEqual(['error', 'terminated', 'terminated']);
    expect(rows[0]?.error).toMatch(/^the answer did not come from the Xplenty API \(HTTP 200/);
    expect(run.outputs.terminated).toBe('2');
  });
});

describe('a listed job is re-checked against what the list asked for', () => {
  it('Xplenty: a server that drops the status filter gets no kill order for ended jobs', async () => {
    const server = await open.keep(
      startXplenty({
        ignoresStatusFilter: true,
        jobs: [{ id: 1 }, { id: 2, status: 'completed' }, { id: 3, status: 'failed' }],
      }),
    );
    const run = await runAction(inputsFor(server, { keys: 'all' }));
    expect((run.rows as Row[]).map((row) => row.id)).toEqual([1]);
    const deletes = server.requests.filter((r: { method: string }) => r.method === 'DELETE');
    expect(deletes.map((r: { path: string }) => r.path)).toEqual([`/${server.account}/api/jobs/1`]);
    expect(run.stdout).toMatch(/2 are not active \(the server listed them all the same\)/);
  });
});

describe('a refused key stops the run in the wait too', () => {
  it.each(['true', 'false'])(
    'a 401 while polling fails the step (fail-on-error: %s) and stops polling',
    async (failOnError) => {
      const server = await open.keep(startXplenty({ jobs: [{ id: 1, stopAfterMs: 60_000 }] }));
      server.inject({ method: 'GET', path: '/jobs/1', kind: 'status', status: 401, body: {} });
      const run = await runAction(
        inputsFor(server, {
          keys: '1',
          wait: 'true',
          'wait-timeout': '20',
          'poll-interval': '0.2',
          'fail-on-error': failOnError,
        }),
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::Xplenty did not accept the API key \(GET jobs\/1/);
      const [row] = run.rows as Row[];
      expect(row?.outcome).toBe('terminated');
      expect(row?.error).toMatch(/^not polled further: authentication failed/);
      const polls = server.requests.filter((r: { method: string }) => r.method === 'GET');
      expect(polls).toHaveLength(1);
      expect(run.durationMs).toBeLessThan(15_000);
    },
  );

  it('Connect: the same', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k1', stopAfterMs: 60_000 }] }));
    server.inject({ method: 'GET', path: '/jobs/k1', kind: 'status', status: 401, body: {} });
    const run = await runAction(
      inputsFor(server, { keys: 'k1', wait: 'true', 'fail-on-error': 'false' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Posit Connect did not accept the API key/);
    expect((run.rows as Row[])[0]?.outcome).toBe('terminated');
  });
});

describe('records are kept when the runner’s files are not where they should be', () => {
  it.each([
    ['missing', (dir: string) => join(dir, 'no-such-file')],
    [
      'a directory',
      (dir: string) => {
        mkdirSync(join(dir, 'out'));
        return join(dir, 'out');
      },
    ],
  ])(
    'GITHUB_OUTPUT %s: the summary and the results file are written, the step fails saying why',
    async (_what, path) => {
      const server = await open.keep(startConnect({ jobs: [{ key: 'k3sHkEoWJNwQim7g' }] }));
      const dir = mkdtempSync(join(tmpdir(), 'trust-'));
      try {
        const run = await runAction(inputsFor(server, { keys: 'k3sHkEoWJNwQim7g' }), {
          env: { GITHUB_OUTPUT: path(dir), RUNNER_TEMP: dir },
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toMatch(
          /::error::The step's outputs could not be written \(GITHUB_OUTPUT=/,
        );
        expect(run.summary).toContain('k3sHkEoWJNwQim7g');
        const file = /results file (\S+\.json)/.exec(run.stdout)?.[1] ?? '';
        expect(file.startsWith(dir)).toBe(true);
        expect(JSON.parse(readFileSync(file, 'utf8'))[0].outcome).toBe('terminated');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('RUNNER_TEMP missing: the results file is in the OS temp folder, with a warning', async () => {
    const server = await open.keep(startConnect({ jobs: [{ key: 'k3sHkEoWJNwQim7g' }] }));
    const run = await runAction(inputsFor(server, { keys: 'k3sHkEoWJNwQim7g' }), {
      env: { RUNNER_TEMP: '/nonexistent/runner-temp' },
    });
    const file = run.outputs['results-file'] ?? '';
    expect(file.startsWith(tmpdir())).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(run.stdout).toMatch(/::warning::The results file is in .*: RUNNER_TEMP \(/);
    rmSync(file);
  });
});

describe('a refused key stops the wait that reads lists too', () => {
  it('Xplenty: a 401 to the list of stopping jobs fails the step and stops polling', async () => {
    const ids = [1, 2, 3, 4, 5, 6];
    const server = await open.keep(
      startXplenty({ jobs: ids.map((id) => ({ id, stopAfterMs: 60_000 })) }),
    );
    server.inject({ method: 'GET', path: /\/api\/jobs$/, kind: 'status', status: 401, body: {} });
    const run = await runAction(
      inputsFor(server, { keys: ids.join(' '), wait: 'true', 'fail-on-error': 'false' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Xplenty did not accept the API key \(GET jobs\?status=/);
    expect((run.rows as Row[]).map((row) => row.outcome)).toEqual(ids.map(() => 'terminated'));
    const lists = server.requests.filter((r: { path: string }) => r.path.endsWith('/jobs'));
    expect(lists).toHaveLength(1);
  });
});
