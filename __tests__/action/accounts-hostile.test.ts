// Issue 27, "Every account of the key": what `GET /accounts` sends is data, checked before an
// account ID names a URL; the listing is paged and bounded as every list; and the accounts
// share the key's one rate budget, so a 429 in one holds back all.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { commands, rowsOf, sent, type Logged } from '../helpers/runs.js';

const open = openSet();
afterEach(open.closeAll);

const ALL = { target: 'all', keys: 'all' };

const accountsOf = (count: number, jobs = 1) =>
  Array.from({ length: count }, (_, i) => ({
    account_id: `acct-${i + 1}`,
    jobs: Array.from({ length: jobs }, (_, j) => ({ id: 100 * (i + 1) + j })),
  }));

describe('GET /accounts, paged and bounded', () => {
  it('follows the pages to the last, and works in every account listed', async () => {
    const server = await open.keep(
      startXplenty({ jobs: [{ id: 1 }], accounts: accountsOf(4), maxPageSize: 2 }),
    );
    const run = await runAction(inputsFor(server, ALL));
    expect(run.code).toBe(0);
    expect(sent(server, 'GET').filter((path) => path === '/accounts')).toHaveLength(3);
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id}`)).toEqual([
      'xplenation/1',
      'acct-1/100',
      'acct-2/200',
      'acct-3/300',
      'acct-4/400',
    ]);
  });

  it('a server whose next page brings nothing new ends the listing: nothing is terminated', async () => {
    const server = await open.keep(startXplenty({ accounts: accountsOf(1) }));
    server.inject({
      path: '/accounts',
      kind: 'status',
      status: 200,
      body: Array.from({ length: 100 }, (_, i) => ({ account_id: `loop-${i}` })),
      headers: { link: `<${server.url}/accounts?offset=0>; rel="next"` },
    });
    const run = await runAction(inputsFor(server, ALL));
    expect(run.code).toBe(1);
    expect(commands(run, 'error').join('\n')).toMatch(
      /Could not list the accounts of the key: the page .*\/accounts\?offset=0 brings no new account/,
    );
    expect(sent(server, 'DELETE')).toEqual([]);
    expect(server.requests.some((r) => r.path.includes('/api/'))).toBe(false);
  });
});

describe('hostile answers to GET /accounts', () => {
  it('an entry whose account_id is no account ID names no URL, is said, and the rest go on', async () => {
    const bad = ['../../evil', 'a/b', 'x?y', '', 5, null, ['acct'], 'semi;colon'];
    const server = await open.keep(
      startXplenty({
        jobs: [{ id: 1 }],
        accounts: [...bad.map((account_id) => ({ account_id })), ...accountsOf(1)],
      }),
    );
    const run = await runAction(inputsFor(server, ALL));
    expect(rowsOf(run).map((row) => `${row.account_id}/${row.id}`)).toEqual([
      'xplenation/1',
      'acct-1/100',
    ]);
    const paths = server.requests.map((r) => r.path);
    expect(
      paths.every((path) => /^\/(accounts|xplenation\/api\/.*|acct-1\/api\/.*)$/.test(path)),
    ).toBe(true);
    const [warning] = commands(run, 'warning');
    expect(warning).toContain('GET accounts listed 8 entries under no account ID');
    expect(warning).toContain('"../../evil"');
    expect(warning).toContain('keeps running');
    expect(run.summary).toContain('Left running:');
  });

  it('names with workflow commands or line breaks reach the log as text', async () => {
    const server = await open.keep(
      startXplenty({
        accounts: [
          { account_id: 'one', name: '::error::injected', jobs: [{ id: 7 }] },
          { account_id: 'two', name: 'x\n::warning::injected\r\n##[error]too', jobs: [{ id: 8 }] },
        ],
      }),
    );
    const run = await runAction(inputsFor(server, ALL));
    expect(run.code).toBe(0);
    expect(commands(run, 'error')).toEqual([]);
    expect(commands(run, 'warning')).toEqual([]);
    expect(run.stdout).not.toMatch(/^##\[error\]/m);
    expect(run.summary).not.toContain('<td>::error::injected');
  });

  it.each([
    ['an object', { accounts: [] }],
    ['a string', 'accounts'],
    ['null', null],
  ])('an answer that is not a list (%s) stops the run before any job is read', async (_, body) => {
    const server = await open.keep(startXplenty({ accounts: accountsOf(1) }));
    server.inject({ path: '/accounts', kind: 'status', status: 200, body });
    const run = await runAction(inputsFor(server, ALL));
    expect(run.code).toBe(1);
    expect(commands(run, 'error').join('\n')).toContain(
      'Could not list the accounts of the key: GET accounts?sort=created&direction=asc&offset=0&limit=100 answered HTTP 200',
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/accounts']);
  });

  it('a refused key (401) stops the run, saying so', async () => {
    const server = await open.keep(startXplenty({ accounts: accountsOf(1) }));
    const run = await runAction(inputsFor(server, { ...ALL, 'api-key': 'not-the-key' }));
    expect(run.code).toBe(1);
    expect(commands(run, 'error').join('\n')).toMatch(
      /Xplenty did not accept the API key \(GET accounts\?.* answered HTTP 401: Unauthorized\)\. Check `api-key` or XPLENTY_API_KEY\./,
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/accounts']);
  });
});

describe('one rate budget for every account of the key', () => {
  it("a 429 with Retry-After in one account holds back the other accounts' requests too", async () => {
    // Pages of one job: each account has many requests to send after the 429.
    const server = await open.keep(
      startXplenty({
        jobs: [1, 2, 3, 4, 5].map((id) => ({ id })),
        accounts: accountsOf(2, 5),
        maxPageSize: 1,
      }),
    );
    server.inject({
      path: '/acct-1/api/jobs',
      query: 'status=idle',
      times: 1,
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: 'Rate Limit Exceeded' },
    });
    const run = await runAction(inputsFor(server, ALL));
    expect(run.code).toBe(0);
    expect(rowsOf(run)).toHaveLength(15);
    const limited = server.requests.find((r) => r.path === '/acct-1/api/jobs') as Logged;
    // Requests already on their way when the 429 came aside, nothing reached the server
    // until the pause it asked for was over, in any account.
    const after = server.requests.filter((r) => r.at > limited.at + 100);
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((r) => r.path === '/acct-2/api/jobs')).toBe(true);
    for (const request of after) expect(request.at - limited.at).toBeGreaterThanOrEqual(900);
  });
});
