// `pull-request` with no content item given (no `target`, no deployment file): the items that
// pull request's trusted deploy comments name on this server are the ones whose previews stop
// (issue 25). Through dist/index.js, with the GitHub REST fake reached through GITHUB_API_URL.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { previewComment, startGitHub } from '../fakes/github.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { commands, deletes, type Logged, rowsOf, type Run } from '../helpers/runs.js';

const open = openSet();
afterEach(open.closeAll);

const SECOND = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';
const UNTRUSTED = '5b0e4a2c-9d8f-4e6a-b1c3-7f2e9d4a6b80';
const ELSEWHERE = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const DELETED = '3d2c1b0a-9f8e-4d7c-a6b5-4c3d2e1f0a9b';

/**
 * Connect 2025.07.0 (drafts, no bundle metadata). The main item (active 200) has a job on 200
 * and one on 180, #12's preview; SECOND (active 300) one on 300 and one on 310, #12's preview;
 * UNTRUSTED a job on 410, named by a drive-by's comment only. Another Connect server holds
 * ELSEWHERE, which #12's comment for that server names. No deployment file in the workspace.
 */
async function closedPull(
  connectOptions: Parameters<typeof startConnect>[0] = {},
  githubOptions: Parameters<typeof startGitHub>[0] = {},
) {
  const connect = await open.keep(
    startConnect({
      version: '2025.07.0',
      bundle: '200',
      jobs: [
        { key: 'liveJob', bundle: '200' },
        { key: 'previewJob', bundle: '180' },
      ],
      items: [
        {
          guid: SECOND,
          bundle: '300',
          jobs: [
            { key: 'secondLiveJob', bundle: '300' },
            { key: 'secondPreviewJob', bundle: '310' },
          ],
        },
        { guid: UNTRUSTED, bundle: '400', jobs: [{ key: 'plantedJob', bundle: '410' }] },
      ],
      ...connectOptions,
    }),
  );
  const other = await open.keep(
    startConnect({ version: '2025.07.0', items: [{ guid: ELSEWHERE, jobs: [{ key: 'farJob' }] }] }),
  );
  const github = await open.keep(
    startGitHub({ pulls: [{ number: 12, state: 'closed' }], ...githubOptions }),
  );
  const comment = (server: string, guid: string, bundles: string[]) =>
    previewComment({ server, guid, bundles });
  github.addComment({ issue: 12, body: comment(connect.server, connect.guid, ['180']) });
  github.addComment({ issue: 12, body: comment(connect.server, SECOND, ['305', '310']) });
  github.addComment({ issue: 12, body: comment(other.server, ELSEWHERE, ['7']) });
  // An item deleted since its preview was deployed: nothing of it to stop.
  github.addComment({ issue: 12, body: comment(connect.server, DELETED, ['77']) });
  github.addComment({
    issue: 12,
    login: 'drive-by',
    association: 'NONE',
    body: comment(connect.server, UNTRUSTED, ['410']),
  });
  const inputs = {
    vendor: 'posit-connect',
    server: connect.server,
    'api-key': connect.apiKey,
    keys: 'all',
    'pull-request': '12',
    'github-token': github.token,
  };
  const env = {
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_WORKSPACE: mkdtempSync(join(tmpdir(), 'workspace-')),
  };
  return { connect, other, github, inputs, env };
}

const outcomes = (run: Run) =>
  rowsOf(run)
    .map((row) => [row.job_key, row.outcome])
    .sort();

describe('pull-request without a content item', () => {
  it('stops the previews of every item the trusted comments name on this server, and nothing else', async () => {
    const { connect, other, inputs, env } = await closedPull();
    const run = await runAction(inputs, { env });
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([
      ['previewJob', 'terminated'],
      ['secondPreviewJob', 'terminated'],
    ]);
    expect(connect.job('liveJob')?.status).toBe(0);
    expect(connect.job('secondLiveJob', SECOND)?.status).toBe(0);
    expect(connect.job('plantedJob', UNTRUSTED)?.status).toBe(0);
    // The untrusted comment's item is never read, the other server never contacted.
    expect((connect.requests as Logged[]).some((r) => r.path.includes(UNTRUSTED))).toBe(false);
    expect(other.requests).toEqual([]);
    expect(run.stdout).toMatch(/Deploy comments left out \(1 another server, 1 untrusted author\)/);
    expect(run.stdout).toContain(
      `name content items ${connect.guid}, ${SECOND}, ${DELETED} on this server`,
    );
    expect(run.stdout).toContain(`1 vanished during the scan (not found): ${DELETED}`);
  });

  it('fails, terminating nothing, when the comments cannot be read', async () => {
    const { connect, inputs, env } = await closedPull({}, { forbidden: ['comments'] });
    const run = await runAction(inputs, { env });
    expect(run.code).toBe(1);
    const [error = ''] = commands(run, 'error');
    expect(error).toMatch(/which content items hold the previews of #12: no content item is given/);
    expect(error).toMatch(/GitHub refused to list the comments of pull request #12 \(HTTP 403/);
    expect(error).toMatch(/pull-requests: read/);
    expect(deletes(connect as { requests: Logged[] })).toEqual([]);
    expect(connect.job('previewJob')?.status).toBe(0);
  });

  it('succeeds, stopping nothing, when no comment names an item on this server', async () => {
    const { connect, inputs, env } = await closedPull();
    const elsewhere = await open.keep(startConnect({ version: '2025.07.0' }));
    const run = await runAction({ ...inputs, server: elsewhere.server }, { env });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    expect(run.stdout).toContain(
      `No trusted deploy comment of #12 names a content item on ${elsewhere.server}: no previews to stop.`,
    );
    expect(deletes(elsewhere as { requests: Logged[] })).toEqual([]);
    expect(connect.requests).toEqual([]);
  });

  it("signed in with Trusted Publishing, stops only the previews of the key's item and names the others", async () => {
    const { connect, inputs, env } = await closedPull({
      version: '2026.07.0',
      trustedPublishing: {},
    });
    const oidc = await open.keep(startOidc());
    const run = await runAction({ ...inputs, 'api-key': '' }, { env: { ...env, ...oidc.env } });
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual([['previewJob', 'terminated']]);
    expect(connect.job('secondPreviewJob', SECOND)?.status).toBe(0);
    expect(deletes(connect as { requests: Logged[] }).map((r) => r.path)).toEqual([
      `/__api__/v1/content/${connect.guid}/jobs/previewJob`,
    ]);
    expect(run.stdout).toMatch(
      new RegExp(`Content ${SECOND}, ${DELETED}, named by the deploy comments of #12, not touched`),
    );
    expect(run.summary).toContain(SECOND);
  });
});
