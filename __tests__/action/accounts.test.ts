// Issue 27, "Every account of the key": Xplenty's `target: all` lists the key's accounts
// (`GET /accounts`, outside any account's API root) and runs the selection in each; several
// account IDs work the same way. One account is today's run, request for request.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { commands, rowsOf, sent } from '../helpers/runs.js';

const open = openSet();
afterEach(open.closeAll);

/** The main account's running job 1 (and an ended one); `quiet`'s idle and queued jobs, none
 * running; `busy`'s running job 21. */
const threeAccounts = () =>
  open.keep(
    startXplenty({
      jobs: [{ id: 1 }, { id: 2, status: 'stopped' }],
      accounts: [
        {
          account_id: 'quiet',
          jobs: [
            { id: 12, status: 'queued' },
            { id: 11, status: 'idle' },
          ],
        },
        { account_id: 'busy', name: 'Busy Co', jobs: [{ id: 21 }] },
        { account_id: 'empty' },
      ],
    }),
  );

const requested = (server: {
  requests: { method: string; path: string; query: URLSearchParams }[];
}) => server.requests.map((r) => `${r.method} ${r.path}${r.query.size > 0 ? `?${r.query}` : ''}`);

describe('target: all on Xplenty', () => {
  it('lists the accounts, and stops the active jobs of each, a quiet one included', async () => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target: 'all', keys: 'all' }));
    expect(run.code).toBe(0);
    expect(sent(server, 'GET')[0]).toBe('/accounts');
    // Rows in the order of the accounts, each account's jobs by id; every row names its account.
    expect(rowsOf(run).map((row) => [row.account_id, row.id, row.outcome])).toEqual([
      ['xplenation', 1, 'terminated'],
      ['quiet', 11, 'terminated'],
      ['quiet', 12, 'terminated'],
      ['busy', 21, 'terminated'],
    ]);
    // running_jobs_count said 0 for `quiet`: its jobs were listed and stopped all the same.
    expect(sent(server, 'DELETE')).toEqual([
      '/xplenation/api/jobs/1',
      '/quiet/api/jobs/11',
      '/quiet/api/jobs/12',
      '/busy/api/jobs/21',
    ]);
    expect(server.job(12, 'quiet')?.status).not.toBe('queued');
    // Each account's statuses were listed, the empty one's too.
    for (const account of ['xplenation', 'quiet', 'busy', 'empty']) {
      expect(sent(server, 'GET').filter((path) => path === `/${account}/api/jobs`)).toHaveLength(4);
    }
  });

  it('says which accounts were listed, and gives each its line in the summary', async () => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target: 'all', keys: 'all' }));
    expect(run.stdout).toContain(
      'Accounts of the key (4): xplenation ("Xplenation", 1 running), quiet ("Account quiet", 0 running), busy ("Busy Co", 1 running), empty ("Account empty", 0 running).',
    );
    expect(run.summary).toContain('4 account(s):');
    expect(run.summary).toContain('<th>Account</th>');
    for (const line of [
      '<td>xplenation</td><td>Xplenation</td><td>1</td><td>1</td><td>0</td>',
      '<td>quiet</td><td>Account quiet</td><td>2</td><td>2</td><td>0</td>',
      '<td>busy</td><td>Busy Co</td><td>1</td><td>1</td><td>0</td>',
      '<td>empty</td><td>Account empty</td><td>0</td><td>0</td><td>0</td>',
    ]) {
      expect(run.summary).toContain(line);
    }
    expect(run.summary).toContain('>quiet/11</a>');
  });

  it('waits for the jobs of every account, each read in its own account', async () => {
    const server = await threeAccounts();
    const run = await runAction(
      inputsFor(server, { target: 'all', keys: 'all', wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id} ${row.outcome}`)).toEqual([
      'xplenation/1 ended',
      'quiet/11 ended',
      'quiet/12 ended',
      'busy/21 ended',
    ]);
    // The key's one budget is read once, not once per account.
    expect(sent(server, 'GET').filter((path) => path.endsWith('/rate_limit_status'))).toHaveLength(
      1,
    );
    // No job was read under an account it is not of.
    expect(sent(server, 'GET')).not.toContain('/xplenation/api/jobs/21');
  });

  it("reads an account's own lists in the wait where that is cheaper than its jobs one by one", async () => {
    const ids = [31, 32, 33, 34, 35];
    const server = await open.keep(
      startXplenty({
        jobs: [],
        accounts: [{ account_id: 'many', jobs: ids.map((id) => ({ id, stopAfterMs: 600 })) }],
      }),
    );
    const run = await runAction(
      inputsFor(server, { target: 'all', keys: 'all', wait: 'true', 'poll-interval': '0.2' }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => row.outcome)).toEqual(ids.map(() => 'ended'));
    const lastKill = Math.max(
      ...server.requests.filter((r) => r.method === 'DELETE').map((r) => r.at),
    );
    const waitLists = server.requests.filter(
      (r) => r.at >= lastKill && r.path === '/many/api/jobs',
    );
    expect(waitLists.map((r) => r.query.get('status'))).toContain('pending_stoppage');
    expect(server.requests.some((r) => r.path.startsWith('/xplenation/api/jobs/'))).toBe(false);
  });

  it("as a watchdog, reads each stopped job's last log lines in its own account, and names its account in the summary", async () => {
    const server = await threeAccounts();
    const run = await runAction(
      inputsFor(server, {
        target: 'all',
        keys: 'all',
        wait: 'true',
        'poll-interval': '0.2',
        'log-lines': '3',
        'older-than': '1m',
      }),
    );
    expect(run.code).toBe(0);
    const logs = sent(server, 'GET').filter((path) => path.endsWith('/log'));
    // The quiet account's jobs never started: older-than leaves them, and their logs, alone.
    expect(logs.sort()).toEqual(['/busy/api/jobs/21/log', '/xplenation/api/jobs/1/log']);
    expect(run.summary).toContain('Busy Co');
  });

  it('dry-run lists every account and sends no kill order', async () => {
    const server = await threeAccounts();
    const run = await runAction(
      inputsFor(server, { target: 'all', keys: 'all', 'dry-run': 'true' }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id} ${row.outcome}`)).toEqual([
      'xplenation/1 dry-run',
      'quiet/11 dry-run',
      'quiet/12 dry-run',
      'busy/21 dry-run',
    ]);
    expect(sent(server, 'DELETE')).toEqual([]);
  });

  it('narrows every account by package-id', async () => {
    const server = await open.keep(
      startXplenty({
        jobs: [{ id: 1, package_id: 7 }, { id: 2 }],
        accounts: [{ account_id: 'other', jobs: [{ id: 3 }, { id: 4, package_id: 7 }] }],
      }),
    );
    const run = await runAction(
      inputsFor(server, { target: 'all', keys: 'all', 'package-id': '7' }),
    );
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id}`)).toEqual([
      'xplenation/1',
      'other/4',
    ]);
  });

  it('with no account, finds no job and sends nothing else', async () => {
    const server = await threeAccounts();
    server.inject({ path: '/accounts', kind: 'status', status: 200, body: [] });
    const run = await runAction(inputsFor(server, { target: 'all', keys: 'all' }));
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    expect(run.stdout).toContain('The key is a member of no account: no job to look at.');
    expect(requested(server)).toEqual([
      'GET /accounts?sort=created&direction=asc&offset=0&limit=100',
    ]);
  });
});

describe('several Xplenty accounts in target', () => {
  it('works in those accounts only, in the order given, without listing the accounts', async () => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target: 'busy, quiet\nbusy', keys: 'all' }));
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id}`)).toEqual([
      'busy/21',
      'quiet/11',
      'quiet/12',
    ]);
    expect(sent(server, 'GET')).not.toContain('/accounts');
    expect(server.requests.some((r) => r.path.startsWith('/xplenation/'))).toBe(false);
    expect(run.stdout).toContain('Accounts in target (2): busy, quiet.');
    expect(server.job(1)?.status).toBe('running');
  });

  it('an account the key cannot see stops the run before any kill order, naming it', async () => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target: 'quiet nowhere', keys: 'all' }));
    expect(run.code).toBe(1);
    expect(commands(run, 'error').join('\n')).toContain('Account nowhere: Could not list the');
    expect(sent(server, 'DELETE')).toEqual([]);
  });
});

describe('explicit job IDs with several accounts', () => {
  it.each([
    ['all', 'all'],
    ['several accounts', 'quiet busy'],
  ])('target %s with job IDs: an input error, nothing sent', async (_, target) => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target, keys: '21' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::Invalid input: target: several accounts or `all` go with `keys: all`; a job ID names a job of one account',
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['all among accounts', 'quiet all', 'all'],
    ['a bad account ID among good ones', 'quiet b/ad', 'b/ad'],
  ])('%s: an input error naming the token', async (_, target, token) => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { target, keys: 'all' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::Invalid input: target: got "${token}", expected`);
    expect(server.requests).toHaveLength(0);
  });
});

describe('one Xplenty account, as before', () => {
  it('sends exactly the requests it always did, and its rows name the account', async () => {
    const server = await threeAccounts();
    const run = await runAction(
      inputsFor(server, {
        keys: 'all',
        wait: 'true',
        'older-than': '1h',
        concurrency: '1',
        'poll-interval': '0.2',
      }),
    );
    expect(run.code).toBe(0);
    expect(rowsOf(run).map((row) => [row.account_id, row.id, row.outcome])).toEqual([
      ['xplenation', 1, 'ended'],
    ]);
    expect(requested(server)).toEqual(SINGLE_ACCOUNT_REQUESTS);
  });

  it('explicit job IDs send exactly the requests they always did', async () => {
    const server = await threeAccounts();
    const run = await runAction(inputsFor(server, { keys: '1 2' }));
    expect(rowsOf(run).map((row) => [row.account_id, row.id, row.outcome])).toEqual([
      ['xplenation', 1, 'terminated'],
      ['xplenation', 2, 'not-active'],
    ]);
    expect(requested(server).sort()).toEqual(
      [
        'DELETE /xplenation/api/jobs/1',
        'DELETE /xplenation/api/jobs/2',
        'GET /xplenation/api/jobs/2',
      ].sort(),
    );
  });
});

// What today's dist/ (before accounts) sent for the run above, request for request.
const SINGLE_ACCOUNT_REQUESTS = [
  'GET /xplenation/api/jobs?status=idle&sort=created&direction=asc&offset=0&limit=100',
  'GET /xplenation/api/jobs?status=pending&sort=created&direction=asc&offset=0&limit=100',
  'GET /xplenation/api/jobs?status=queued&sort=created&direction=asc&offset=0&limit=100',
  'GET /xplenation/api/jobs?status=running&sort=created&direction=asc&offset=0&limit=100',
  'DELETE /xplenation/api/jobs/1',
  'GET /xplenation/api/rate_limit_status',
  'GET /xplenation/api/jobs/1',
  'GET /xplenation/api/jobs/1/log',
];
