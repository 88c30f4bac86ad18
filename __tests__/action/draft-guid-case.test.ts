// Issue 26, item 14 (b): a draft URL whose GUID is in upper case (as copied from some browsers'
// address bars, or typed) narrows `keys: all` to the draft's bundle like a lower-case one; it
// never widens to the jobs on the active bundle.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

describe('a draft URL in target', () => {
  it.each([
    ['lower case', CONNECT_GUID],
    ['upper case', CONNECT_GUID.toUpperCase()],
  ])("with its GUID in %s: only the draft bundle's jobs are terminated", async (_, guid) => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'liveJob', bundle: '127015' },
          { key: 'previewJob', bundle: '127016' },
        ],
      }),
    );
    const run = await runAction({
      vendor: 'posit-connect',
      keys: 'all',
      'api-key': server.apiKey,
      server: server.server,
      target: `${server.server}/connect/#/apps/${guid}/draft/127016`,
    });
    expect(run.code).toBe(0);
    expect(run.rows.map((row: { job_key: string }) => row.job_key)).toEqual(['previewJob']);
    expect(server.job('liveJob')?.status).toBe(0);
    const deletes = server.requests.filter((r: { method: string }) => r.method === 'DELETE');
    expect(deletes.map((r: { path: string }) => r.path)).toEqual([
      `/__api__/v1/content/${CONNECT_GUID}/jobs/previewJob`,
    ]);
    expect(run.stdout).toContain('target is a draft of bundle 127016');
  });
});
