// `bundle: previous` never stops a pull request's preview, and `pull-request` stops exactly one
// pull request's previews (issue 25). Through dist/index.js as the runner runs it, against a
// Connect fake with drafts (2025.12.0: bundles carry connect-actions' deploy metadata).
import { afterEach, describe, expect, it } from '@jest/globals';
import { liveMetadata, previewMetadata, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

type Row = { job_key: string; outcome: string };
type Request = { method: string; path: string };

/**
 * Active bundle 200 (the live version): a job on it, one on 150 (live before, metadata of a
 * push), one on 180 (an old preview of #13, deployed before 200 went live) and one on 201 (a
 * draft of #12, newer than the active bundle).
 */
async function withPreviews(version = '2025.12.0', metadata = true) {
  const server = await open.keep(
    startConnect({
      version,
      bundle: '200',
      jobs: [
        { key: 'liveJob', bundle: '200' },
        { key: 'oldLiveJob', bundle: '150' },
        { key: 'oldPreviewJob', bundle: '180' },
        { key: 'draftJob', bundle: '201' },
      ],
      bundles: metadata
        ? [
            { id: '150', metadata: liveMetadata() },
            { id: '180', metadata: previewMetadata({ number: 13 }) },
            { id: '200', metadata: liveMetadata({ message: 'Release 2' }) },
            { id: '201', metadata: previewMetadata({ number: 12 }) },
          ]
        : [],
    }),
  );
  return { server, inputs: { ...inputsFor(server), keys: 'all' } };
}

// The summary's text as people read it (the cells escape `#` and backticks).
const plain = (html: string) =>
  html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
const outcomes = (rows: Row[]) => rows.map((row) => [row.job_key, row.outcome]).sort();
const paths = (requests: Request[]) => requests.map((r) => `${r.method} ${r.path}`);

describe('bundle: previous on a server with drafts', () => {
  it('stops the versions live before, never a preview (metadata), and says what it spared', async () => {
    const { server, inputs } = await withPreviews();
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(0);
    expect(outcomes(run.rows as Row[])).toEqual([['oldLiveJob', 'terminated']]);
    for (const key of ['liveJob', 'oldPreviewJob', 'draftJob']) {
      expect(server.job(key)?.status).toBe(0);
    }
    expect(run.stdout).toMatch(/2 job\(s\) on previews of #12, #13 left running/);
    expect(plain(run.summary)).toMatch(/Left running:.*previews of #12, #13/);
    // The action's own code span stays code.
    expect(run.summary).toContain('<code>bundle: previous</code> never stops a preview');
    // One listing of the item's bundles, and no other new request.
    const listings = paths(server.requests as Request[]).filter((p) => p.includes('/bundles'));
    expect(listings).toEqual([`GET /__api__/v1/content/${server.guid}/bundles`]);
  });

  it('leaves a bundle without metadata running when nothing else tells, with a warning and the fix', async () => {
    const { server, inputs } = await withPreviews('2025.12.0', false);
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    for (const key of ['oldLiveJob', 'oldPreviewJob', 'draftJob']) {
      expect(server.job(key)?.status).toBe(0);
    }
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::')) ?? '';
    expect(warning).toMatch(/bundles 150 .*180 .*left running/);
    expect(warning).toMatch(/pull-requests: read/);
    // The newer bundle is a draft or a version rolled back from: said, with what stops it.
    expect(run.stdout).toMatch(/newer than their item's active one left running, 201/);
    expect(run.summary).toMatch(/<code>bundle: \{id\}<\/code> stops/);
  });

  it('a bundle listing that is no list counts as no metadata: nothing proven, nothing stopped', async () => {
    const { server, inputs } = await withPreviews();
    server.inject({ method: 'GET', path: /\/bundles$/, kind: 'html', status: 200 });
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    expect(server.job('oldLiveJob')?.status).toBe(0);
    const warning = run.stdout.split('\n').find((line) => line.startsWith('::warning::')) ?? '';
    expect(warning).toMatch(/no deploy metadata; GET v1\/content\/[^/]+\/bundles answered/);
  });

  it('a refused key on the bundle listing stops the run before any kill order', async () => {
    const { server, inputs } = await withPreviews();
    server.inject({
      method: 'GET',
      path: /\/bundles$/,
      kind: 'status',
      status: 401,
      body: { code: 3, error: 'Unauthorized' },
    });
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*did not accept the API key/);
    expect(paths(server.requests as Request[]).some((p) => p.startsWith('DELETE'))).toBe(false);
  });

  it('on a hidden version, drafts are possible: the same care', async () => {
    const { server, inputs } = await withPreviews(null as unknown as string);
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(outcomes(run.rows as Row[])).toEqual([['oldLiveJob', 'terminated']]);
    expect(server.job('draftJob')?.status).toBe(0);
  });

  it('on a server without drafts every bundle but the active one was live: no bundle listing', async () => {
    const { server, inputs } = await withPreviews('2025.05.0', false);
    const run = await runAction({ ...inputs, bundle: 'previous' });
    expect(outcomes(run.rows as Row[])).toEqual([
      ['draftJob', 'terminated'],
      ['oldLiveJob', 'terminated'],
      ['oldPreviewJob', 'terminated'],
    ]);
    expect(paths(server.requests as Request[]).some((p) => p.includes('/bundles'))).toBe(false);
  });

  it('with another bundle choice, not one request more (no bundle listing)', async () => {
    const { server, inputs } = await withPreviews();
    const run = await runAction({ ...inputs, bundle: '150' });
    expect(outcomes(run.rows as Row[])).toEqual([['oldLiveJob', 'terminated']]);
    expect(paths(server.requests as Request[]).some((p) => p.includes('/bundles'))).toBe(false);
  });
});

describe('pull-request', () => {
  it('stops the jobs on every preview bundle of that pull request, and nothing else', async () => {
    const { server, inputs } = await withPreviews();
    server.addBundle({ id: '205', metadata: previewMetadata({ number: 12 }) });
    server.addJob({ key: 'draftJob2', bundle: '205' });
    const run = await runAction({ ...inputs, 'pull-request': '12' });
    expect(run.code).toBe(0);
    expect(outcomes(run.rows as Row[])).toEqual([
      ['draftJob', 'terminated'],
      ['draftJob2', 'terminated'],
    ]);
    for (const key of ['liveJob', 'oldLiveJob', 'oldPreviewJob']) {
      expect(server.job(key)?.status).toBe(0);
    }
    // The previews it chose are not "left running"; the other pull request's are counted.
    expect(run.stdout).not.toMatch(/never stops a preview/);
    expect(run.stdout).toMatch(/3 are not on a preview of #12 and are left alone/);
  });

  it('fails, terminating nothing, when neither metadata nor comments can tell', async () => {
    const { server, inputs } = await withPreviews('2025.12.0', false);
    const run = await runAction({ ...inputs, 'pull-request': '12' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*previews of #12/);
    expect(paths(server.requests as Request[]).some((p) => p.startsWith('DELETE'))).toBe(false);
  });

  it('on a server without drafts stops nothing, and says so', async () => {
    const { server, inputs } = await withPreviews('2025.05.0', false);
    const run = await runAction({ ...inputs, 'pull-request': '12' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([]);
    expect(run.stdout).toMatch(/has no drafts/);
    expect(paths(server.requests as Request[]).some((p) => p.startsWith('DELETE'))).toBe(false);
  });

  it.each([
    ['with bundle', { bundle: 'previous' }, /pull-request: not with `bundle`/],
    ['not a number', { 'pull-request': 'abc' }, /pull-request: got/],
    ['zero', { 'pull-request': '0' }, /pull-request: got/],
    ['with explicit keys', { keys: 'k3sHkEoWJNwQim7g' }, /pull-request: only with `keys: all`/],
  ])('%s is an input error, nothing sent', async (_name, extra, message) => {
    const { server, inputs } = await withPreviews();
    const run = await runAction({ ...inputs, 'pull-request': '12', ...extra });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(server.requests).toEqual([]);
  });

  it('with a draft URL in target is an input error naming both', async () => {
    const { server, inputs } = await withPreviews();
    const target = server.draftUrl('201');
    const run = await runAction({ ...inputs, target, 'pull-request': '12' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/pull-request: not with a draft URL in `target`/);
    expect(server.requests).toEqual([]);
  });
});
