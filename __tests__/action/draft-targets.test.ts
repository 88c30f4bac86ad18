// Draft URLs in `target` (issue 26, item 1): each narrows its own content item to its own bundle,
// whatever the number of targets and separators; a URL that looks like a draft but is not
// exactly one is an input error naming it, never a widening to production's jobs. Through
// dist/index.js as the runner runs it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

const OTHER = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';

/** Two content items, each with a production job (active bundle 401) and a preview job. */
async function twoItems() {
  const server = await open.keep(
    startConnect({
      bundle: '401',
      jobs: [
        { key: 'liveJobA', bundle: '401' },
        { key: 'previewJobA', bundle: '402' },
      ],
      items: [
        {
          guid: OTHER,
          bundle: '401',
          jobs: [
            { key: 'liveJobB', bundle: '401' },
            { key: 'previewJobB', bundle: '403' },
          ],
        },
      ],
    }),
  );
  const draft = (guid: string, id: string) => `${server.server}/connect/#/apps/${guid}/draft/${id}`;
  return { server, draft, inputs: { ...inputsFor(server), keys: 'all' } };
}

type Row = { job_key: string; outcome: string; app_guid: string | null };

describe('several draft URLs in target', () => {
  it.each([
    ['a space', ' '],
    ['a comma', ','],
    ['a newline', '\n'],
    ['a comma, a space and a trailing comma', ', '],
  ])('separated by %s, each stops only its own draft bundle', async (_name, separator) => {
    const { server, draft, inputs } = await twoItems();
    const tail = separator === ', ' ? ',' : '';
    const target = `${draft(CONNECT_GUID, '402')}${separator}${draft(OTHER, '403')}${tail}`;
    const run = await runAction({ ...inputs, target });
    expect(run.code).toBe(0);
    const rows = run.rows as Row[];
    expect(rows.map((row) => [row.job_key, row.outcome]).sort()).toEqual([
      ['previewJobA', 'terminated'],
      ['previewJobB', 'terminated'],
    ]);
    expect(server.job('liveJobA')?.status).toBe(0);
    expect(server.job('liveJobB', OTHER)?.status).toBe(0);
    const kills = server.requests.filter(
      (request: { method: string }) => request.method === 'DELETE',
    );
    expect(kills).toHaveLength(2);
  });

  it('a draft URL with a trailing comma alone narrows like the URL', async () => {
    const { server, draft, inputs } = await twoItems();
    const run = await runAction({ ...inputs, target: `${draft(CONNECT_GUID, '402')},` });
    expect(run.code).toBe(0);
    expect((run.rows as Row[]).map((row) => row.job_key)).toEqual(['previewJobA']);
    expect(server.job('liveJobA')?.status).toBe(0);
  });

  it('a draft URL beside a whole item: the draft narrows its item, the other item is whole', async () => {
    const { server, draft, inputs } = await twoItems();
    const run = await runAction({ ...inputs, target: `${draft(CONNECT_GUID, '402')} ${OTHER}` });
    expect(run.code).toBe(0);
    expect((run.rows as Row[]).map((row) => row.job_key).sort()).toEqual(
      ['liveJobB', 'previewJobB', 'previewJobA'].sort(),
    );
    expect(server.job('liveJobA')?.status).toBe(0);
  });
});

describe('a URL that looks like a draft but is not exactly one', () => {
  it.each([
    ['a query after the bundle', '/connect/#/apps/G/draft/402?x=1'],
    ['a page after the bundle', '/connect/#/apps/G/draft/402/logs'],
    ['no #', '/connect/apps/G/draft/402'],
    ['bundle 0', '/connect/#/apps/G/draft/0'],
    ['no bundle', '/connect/#/apps/G/draft/'],
  ])('%s: an input error naming it, nothing sent', async (_name, path) => {
    const { server, draft, inputs } = await twoItems();
    const bad = `${server.server}${path.replace('G', CONNECT_GUID)}`;
    const run = await runAction({ ...inputs, target: `${draft(OTHER, '403')} ${bad}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::Invalid input: target: got ${JSON.stringify(bad)}`);
    expect(server.requests).toHaveLength(0);
    expect(server.job('liveJobA')?.status).toBe(0);
    expect(server.job('previewJobB', OTHER)?.status).toBe(0);
  });

  it('the whole item and a draft of it together: an input error, nothing sent', async () => {
    const { server, draft, inputs } = await twoItems();
    const run = await runAction({
      ...inputs,
      target: `${CONNECT_GUID} ${draft(CONNECT_GUID, '402')}`,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Invalid input: target: got ');
    expect(server.requests).toHaveLength(0);
  });
});
