// Previews told apart by the pull requests' deploy comments (issue 25), where the bundles carry
// no metadata (connect-actions sends it to Connect 2025.12.0 and later only): through
// dist/index.js, with the GitHub REST fake reached through GITHUB_API_URL as on a runner.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { previewComment, requestsCarrying, startGitHub } from '../fakes/github.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = { job_key: string; outcome: string };
type Request = { method: string; path: string };

/**
 * Connect 2025.07.0 (drafts, no metadata), active bundle 200: jobs on 200, on 150 (live
 * before), on 180 (a preview of open #12, older than 200) and on 201 (newer: a draft of #13).
 * #12's trusted comment lists 170 and 180; a drive-by's comment lists 150.
 */
async function withComments(github: Parameters<typeof startGitHub>[0] = {}) {
  const connect = await open.keep(
    startConnect({
      version: '2025.07.0',
      bundle: '200',
      jobs: [
        { key: 'liveJob', bundle: '200' },
        { key: 'oldLiveJob', bundle: '150' },
        { key: 'previewJob', bundle: '180' },
        { key: 'draftJob', bundle: '201' },
      ],
    }),
  );
  const fake = await open.keep(startGitHub({ pulls: [{ number: 12 }, { number: 13 }], ...github }));
  const comment = (bundles: string[]) =>
    previewComment({ server: connect.server, guid: connect.guid, bundles });
  fake.addComment({ issue: 12, body: comment(['170', '180']) });
  fake.addComment({ issue: 13, body: comment(['201']) });
  fake.addComment({ issue: 13, login: 'drive-by', association: 'NONE', body: comment(['150']) });
  const inputs = { ...inputsFor(connect), keys: 'all', 'github-token': fake.token };
  const env = { GITHUB_API_URL: fake.url, GITHUB_REPOSITORY: fake.repository };
  return { connect, fake, inputs, env };
}

const outcomes = (rows: Row[]) => rows.map((row) => [row.job_key, row.outcome]).sort();
const deletes = (requests: Request[]) => requests.filter((r) => r.method === 'DELETE');

describe('bundle: previous with the deploy comments', () => {
  it("spares the open pull requests' previews and stops the rest; an untrusted comment counts for nothing", async () => {
    const { connect, fake, inputs, env } = await withComments();
    const run = await runAction({ ...inputs, bundle: 'previous' }, { env });
    expect(run.code).toBe(0);
    expect(outcomes(run.rows as Row[])).toEqual([['oldLiveJob', 'terminated']]);
    expect(connect.job('previewJob')?.status).toBe(0);
    expect(connect.job('draftJob')?.status).toBe(0);
    expect(run.stdout).toMatch(/1 job\(s\) on previews of #12 left running/);
    expect(run.stdout).toMatch(/Deploy comments left out \(1 untrusted author\)/);
    // The token went to GitHub only, and is in no line, output or summary.
    expect(requestsCarrying(connect.requests, fake.token)).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(0);
    // Masked when read (the runner hides it from then on), and in no other line, output or summary.
    expect(run.stdout).toContain(`::add-mask::${fake.token}\n`);
    const lines = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    for (const text of [lines.join('\n'), run.outputsText, run.summary]) {
      expect(text).not.toContain(fake.token);
    }
  });

  it('without pull-requests: read leaves what it cannot tell running, with a warning and the fix', async () => {
    const { connect, inputs, env } = await withComments({ forbidden: ['pulls', 'comments'] });
    const run = await runAction({ ...inputs, bundle: 'previous' }, { env });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    expect(deletes(connect.requests as Request[])).toEqual([]);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::')) ?? '';
    expect(warning).toMatch(/bundles 150 .*180 .*left running/);
    expect(warning).toMatch(/pull-requests: read/);
  });

  it('with another bundle choice sends no GitHub request', async () => {
    const { fake, inputs, env } = await withComments();
    const run = await runAction({ ...inputs, bundle: '150' }, { env });
    expect(outcomes(run.rows as Row[])).toEqual([['oldLiveJob', 'terminated']]);
    expect(fake.requests).toEqual([]);
  });
});

describe('pull-request with the deploy comments', () => {
  it("stops the jobs on every bundle the pull request's comment lists, after it closed", async () => {
    const { connect, inputs, env } = await withComments({
      pulls: [{ number: 12, state: 'closed' }, { number: 13 }],
    });
    connect.addJob({ key: 'olderPreviewJob', bundle: '170' });
    const run = await runAction({ ...inputs, 'pull-request': '12' }, { env });
    expect(run.code).toBe(0);
    expect(outcomes(run.rows as Row[])).toEqual([
      ['olderPreviewJob', 'terminated'],
      ['previewJob', 'terminated'],
    ]);
    for (const key of ['liveJob', 'oldLiveJob', 'draftJob']) {
      expect(connect.job(key)?.status).toBe(0);
    }
  });

  it('fails, terminating nothing, when the comments cannot be read', async () => {
    const { connect, inputs, env } = await withComments({ forbidden: ['comments'] });
    const run = await runAction({ ...inputs, 'pull-request': '12' }, { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*previews of #12.*pull-requests: read/);
    expect(deletes(connect.requests as Request[])).toEqual([]);
  });
});

describe('the bound of one read of the deploy comments', () => {
  it('stops a repository whose listings never end in total, leaving what it cannot tell running', async () => {
    // 300 open pull requests, and repository-wide comments past the page bound: one listing
    // per pull request, 300 of them, more than one read may send.
    const pulls = Array.from({ length: 300 }, (_, i) => ({ number: i + 1 }));
    const { connect, fake, inputs, env } = await withComments({
      pulls: [...pulls, { number: 900, state: 'closed' }],
    });
    for (let i = 0; i < 1001; i++) fake.addComment({ issue: 900, body: `note ${i}`, login: 'a' });
    const run = await runAction({ ...inputs, bundle: 'previous' }, { env });
    expect(run.code).toBe(0);
    expect(deletes(connect.requests as Request[])).toEqual([]);
    expect(connect.job('oldLiveJob')?.status).toBe(0);
    expect(fake.requests).toHaveLength(200);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::')) ?? '';
    expect(warning).toMatch(/bundles 150 .*left running/);
    expect(warning).toMatch(/200 requests sent to GitHub, the bound of one read/);
  });
});
