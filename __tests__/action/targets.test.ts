// What the selection refuses before any request, Connect targets given as URLs, and the kill
// order shapes of old and new Connect servers; through dist/index.js as the runner runs it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

async function connect(options: Parameters<typeof startConnect>[0] = {}) {
  const server = await open.keep(startConnect({ jobs: [{ key: 'job0000000000001' }], ...options }));
  const inputs = inputsFor(server);
  return { server, inputs };
}

async function xplenty() {
  const server = await open.keep(startXplenty({ jobs: [{ id: 305 }] }));
  const inputs = inputsFor(server);
  return { server, inputs };
}

describe('refused before any request', () => {
  it.each([
    [
      'bundle with explicit keys',
      { keys: 'job0000000000001', bundle: 'previous' },
      'bundle: only with `keys: all`',
    ],
    [
      'tag with explicit keys',
      { keys: 'job0000000000001', tag: 'run_app' },
      'tag: only with `keys: all`',
    ],
    [
      'older-than with explicit keys',
      { keys: 'job0000000000001', 'older-than': '6h' },
      'older-than: only with `keys: all`',
    ],
    ['all mixed with keys', { keys: 'all, job0000000000001' }, 'keys: `all` stands alone'],
    [
      'a bundle that is neither previous nor an id',
      { keys: 'all', bundle: 'latest' },
      'bundle: got "latest", expected `previous` or a bundle id',
    ],
    [
      'a tag with other characters',
      { keys: 'all', tag: 'run_app build-report' },
      'tag: "build-report" is not a tag',
    ],
    [
      'older-than zero',
      { keys: 'all', 'older-than': '0h' },
      'older-than: got "0h", expected a duration',
    ],
    [
      'older-than negative',
      { keys: 'all', 'older-than': '-6h' },
      'older-than: got "-6h", expected a duration',
    ],
    [
      'older-than with an unknown unit',
      { keys: 'all', 'older-than': '6w' },
      'older-than: got "6w", expected a duration',
    ],
    [
      'older-than without a number',
      { keys: 'all', 'older-than': 'h' },
      'older-than: got "h", expected a duration',
    ],
  ])('Connect: %s', async (_, given, message) => {
    const { server, inputs } = await connect();
    const run = await runAction({ ...inputs, ...given });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::Invalid input: ${message}`);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['bundle', { bundle: 'previous' }, 'bundle: only for vendor posit-connect'],
    ['tag', { tag: 'run_app' }, 'tag: only for vendor posit-connect'],
    [
      'older-than with explicit keys',
      { keys: '305', 'older-than': '6h' },
      'older-than: only with `keys: all`',
    ],
  ])('Xplenty: %s', async (_, given, message) => {
    const { server, inputs } = await xplenty();
    const run = await runAction({ keys: 'all', ...inputs, ...given });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::Invalid input: ${message}`);
    expect(server.requests).toHaveLength(0);
  });
});

describe('Connect target as a URL', () => {
  it.each([
    [
      'the dashboard URL',
      (guid: string) => `https://connect.example.com/connect/#/apps/${guid}/access`,
    ],
    ['the content URL', (guid: string) => `https://connect.example.com/content/${guid}/`],
    ['an upper-case GUID', (guid: string) => guid.toUpperCase()],
  ])('takes the GUID from %s; requests still go to `server`', async (_, url) => {
    const { server, inputs } = await connect();
    const run = await runAction({ ...inputs, target: url(server.guid), keys: 'all' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([
      expect.objectContaining({ app_guid: server.guid, outcome: 'terminated' }),
    ]);
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      `/__api__/v1/content/${server.guid}/jobs/job0000000000001`,
    ]);
  });

  it.each([
    ['no GUID', 'https://connect.example.com/connect/#/apps/'],
    [
      'two GUIDs',
      'https://connect.example.com/content/951bf3ad-82d0-4bca-bba8-9b27e35c49fa/?from=2c1f8d0e-5a77-4b3e-9f61-0d2a8c4e7b13',
    ],
    ['another scheme', 'ftp://connect.example.com/content/951bf3ad-82d0-4bca-bba8-9b27e35c49fa/'],
  ])('refuses a URL with %s', async (_, target) => {
    const { server, inputs } = await connect();
    const run = await runAction({ ...inputs, target, keys: 'all' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Invalid input: target: got ');
    expect(run.stdout).toContain('exactly one content GUID');
    expect(server.requests).toHaveLength(0);
  });
});

describe('Connect kill orders, old and new', () => {
  const page = (server: { server: string; guid: string }) =>
    `${server.server}/connect/#/apps/${server.guid}/logs?logKey=job0000000000001`;
  const terminated = (server: { server: string; guid: string }) => ({
    app_id: 52389,
    app_guid: server.guid,
    job_key: 'job0000000000001',
    job_id: expect.stringMatching(/^\d+$/),
    result: 'Order to kill job registered',
    code: null,
    error: null,
    outcome: 'terminated',
    page_url: page(server),
  });

  it.each([
    ['app_id and app_guid (before 2025.01)', 'app'],
    ['app_* and content_* (2025.01 on)', 'both'],
    ['content_id and content_guid only', 'content'],
  ] as const)('fills the row from %s', async (_, idFields) => {
    const { server, inputs } = await connect({ idFields });
    const run = await runAction({ ...inputs, keys: 'job0000000000001' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([terminated(server)]);
  });

  it.each([
    ['200 with an empty object', { status: 200, body: {} }, null],
    ['202 with only a result', { status: 202, body: { result: 'Queued' } }, 'Queued'],
    ['204 with no body', { status: 204 }, null],
  ])('counts a 2xx without the order fields as accepted: %s', async (_, answer, result) => {
    const { server, inputs } = await connect();
    server.inject({ method: 'DELETE', kind: 'status', ...answer });
    const run = await runAction({ ...inputs, keys: 'job0000000000001' });
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([
      {
        app_id: null,
        app_guid: server.guid,
        job_key: 'job0000000000001',
        job_id: null,
        result,
        code: null,
        error: null,
        outcome: 'terminated',
        page_url: page(server),
      },
    ]);
    expect(run.outputs.terminated).toBe('1');
  });
});
