// XplentyAccounts, the fan-out over several accounts of one key, over real HTTP against the
// fake: what the action's runs through dist/ (action/accounts*.test.ts) cannot reach, since a
// run with several accounts never names a job by hand (explicit keys there are an input error).
import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpClient } from '../../../src/http/client.js';
import { secretForms } from '../../../src/http/redact.js';
import { xplenty } from '../../../src/vendors/xplenty/index.js';
import { XplentyAccounts } from '../../../src/vendors/xplenty/accounts-jobs.js';
import type { XplentyRow } from '../../../src/vendors/xplenty/rows.js';
import { openSet } from '../../fakes/setup.mjs';
import { startXplenty } from '../../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);
const never = new AbortController().signal;

async function twoAccounts() {
  const server = await open.keep(
    startXplenty({ jobs: [{ id: 1 }], accounts: [{ account_id: 'busy', jobs: [{ id: 21 }] }] }),
  );
  const http = new HttpClient({
    base: new URL(`${server.server}/`),
    headers: xplenty.headers(server.apiKey),
    secrets: secretForms(xplenty.credentials(server.apiKey)),
    connections: 4,
    timeoutMs: 5000,
    retries: 0,
  });
  const target = { kind: 'ids', ids: ['xplenation', 'busy'], text: 'xplenation,busy' } as const;
  const client = new XplentyAccounts(
    http,
    { wait: false },
    { packageId: null, olderThan: null },
    target,
  );
  return { server, client };
}

describe('several accounts of one key', () => {
  it('reads a job in its own account: the key names it, the row says so', async () => {
    const { server, client } = await twoAccounts();
    const row = await client.inspect('busy/21', never);
    expect([row.account_id, row.id, row.outcome]).toEqual(['busy', 21, 'dry-run']);
    expect(server.requests.map((r) => r.path)).toEqual(['/busy/api/jobs/21']);
    expect(client.rows.keyOf(row)).toBe('busy/21');
  });

  it('a key of no account of the run is a bug: nothing is sent', async () => {
    const { server, client } = await twoAccounts();
    await expect(client.terminate('elsewhere/21', never)).rejects.toThrow(
      'not an account of this run: "elsewhere"',
    );
    await expect(client.inspect('21', never)).rejects.toThrow('not an account of this run');
    expect(server.requests).toEqual([]);
  });

  it("a row made without an answer keeps its key's account", async () => {
    const { client } = await twoAccounts();
    const row = client.rows.errorRow('busy/21', 'not sent: invalid input');
    expect([row.account_id, row.id, row.outcome]).toEqual(['busy', 21, 'error']);
    expect(client.rows.errorRow('21', 'x').account_id).toBeNull();
  });

  it("routes the log to the job's account, and has no facts of an account it never opened", async () => {
    const { server, client } = await twoAccounts();
    const row = await client.inspect('busy/21', never);
    const log = await client.log(row, 2, never);
    expect('lines' in log && log.lines.length).toBe(2);
    expect(server.requests.map((r) => r.path)).toContain('/busy/api/jobs/21/log');
    expect(client.facts({ ...row, account_id: 'elsewhere' } as XplentyRow, Date.now())).toEqual([]);
  });

  it('a list round for no rows costs nothing and sends nothing', async () => {
    const { server, client } = await twoAccounts();
    expect(client.lists?.cost([])).toBe(0);
    expect(await client.lists?.poll([], never)).toEqual({ polls: [], requests: 0 });
    expect(server.requests).toEqual([]);
  });
});
