// run() of src/main.ts in this process, with a stand-in for @actions/core: the order it masks
// and warns in, Trusted Publishing's sign-in, the job summary. The runs of the bundle, as the
// runner does them, are the other suites of this folder.
import { afterEach, describe, expect, it } from '@jest/globals';
import { run, type RunContext } from '../../src/main.js';
import { fakeCore, runnerEnv } from '../helpers/core.js';
import { startConnect } from '../fakes/connect.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import type { Fault } from '../fakes/server.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';

const context: RunContext = { serverUrl: 'https://github.com', repository: 'o/r', runId: 1 };
const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';

const open = openSet();
afterEach(open.closeAll);

describe('run', () => {
  it('masks the key and its base64 forms before reading anything else', async () => {
    const { core, record } = fakeCore({ vendor: 'nope', 'api-key': 's3cret' });
    await run(
      core,
      context,
      { ...runnerEnv, XPLENTY_API_KEY: 'env-key' },
      new AbortController().signal,
    );
    expect(record.secrets).toEqual(
      expect.arrayContaining([
        's3cret',
        Buffer.from('s3cret:').toString('base64'),
        Buffer.from('s3cret').toString('base64'),
        'env-key',
        Buffer.from('env-key:').toString('base64'),
      ]),
    );
  });

  it('warns that the key travels unencrypted to a plain-http server off this machine', async () => {
    const cancelled = new AbortController();
    cancelled.abort(new Error('before any request'));
    const { core, record } = fakeCore({
      vendor: 'connect',
      target: GUID,
      'api-key': 'k',
      server: 'http://connect.example.com',
      keys: 'abc',
    });
    await run(core, context, runnerEnv, cancelled.signal);
    expect(record.warnings).toEqual([
      'The server http://connect.example.com is plain http: the API key travels unencrypted. Use https.',
    ]);
    expect(JSON.parse(record.outputs.results as string)).toEqual([
      expect.objectContaining({ job_key: 'abc', error: 'cancelled before it was sent' }),
    ]);
  });

  it('does not warn for loopback http', async () => {
    const cancelled = new AbortController();
    cancelled.abort();
    for (const server of ['http://localhost:3939', 'http://127.0.0.2', 'http://[::1]:8080']) {
      const { core, record } = fakeCore({
        vendor: 'connect',
        target: GUID,
        'api-key': 'k',
        server,
      });
      await run(core, context, runnerEnv, cancelled.signal);
      expect(record.warnings).toEqual([]);
    }
  });

  it.each([
    ['the kill phase', (line: string) => !line.startsWith('Signing in')],
    ['the sign-in', (line: string) => line.startsWith('Signing in')],
  ])(
    'still writes every row and the outputs when something unexpected breaks in %s',
    async (_, breaksOn) => {
      const server = await open.keep(startConnect());
      const { core, record } = fakeCore(inputsFor(server, { keys: 'a b' }), {
        info: (line) => {
          if (breaksOn(line)) throw new Error('log pipe closed');
        },
      });
      await run(core, context, runnerEnv, new AbortController().signal);
      expect(record.failed).toEqual(['Unexpected failure: log pipe closed']);
      expect(JSON.parse(record.outputs.results as string)).toHaveLength(2);
      expect(record.outputs.failed).toBe(2);
    },
  );
});

describe('run signing in with Trusted Publishing', () => {
  /** GitHub's token service answering `fault` (a hang, a body that holds no token). */
  async function keyless(fault: Fault, extra: Record<string, string> = {}) {
    const server = await open.keep(startConnect({ trustedPublishing: {} }));
    const oidc = await open.keep(startOidc());
    oidc.inject({ path: '/idtoken', ...fault });
    const inputs = { ...inputsFor(server, { keys: 'a b', 'api-key': '', retries: '0' }), ...extra };
    return { server, env: oidc.env, ...fakeCore(inputs) };
  }

  it('a cancelled run stops waiting for GitHub and sends nothing more', async () => {
    const { server, env, core, record } = await keyless({ kind: 'hang' });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(new Error('SIGTERM')), 100);
    await run(core, context, env, cancel.signal);
    expect(record.failed).toEqual(['The run was cancelled.']);
    expect(JSON.parse(record.outputs.results as string)).toEqual([
      expect.objectContaining({ job_key: 'a', error: 'cancelled before it was sent' }),
      expect.objectContaining({ job_key: 'b', error: 'cancelled before it was sent' }),
    ]);
    expect(server.requests.map((r) => r.path)).toEqual(['/.well-known/oauth-authorization-server']);
  });

  it('GitHub not answering within the run patience stops the run', async () => {
    const { env, core, record } = await keyless({ kind: 'hang' }, { timeout: '0.2' });
    await run(core, context, env, new AbortController().signal);
    expect(record.failed).toEqual([
      'Could not get an OIDC token from GitHub for audience connect: the ID-token request (GET /idtoken) timed out (no complete answer within 0.2 s).',
    ]);
  });

  it('an answer that is no token is not sent on', async () => {
    const { server, env, core, record } = await keyless({
      kind: 'status',
      status: 200,
      body: { value: 'not a token' },
    });
    await run(core, context, env, new AbortController().signal);
    expect(record.failed).toEqual([
      "GitHub's answer for audience connect held no usable OIDC token.",
    ]);
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('run and the job summary', () => {
  it('skips the summary outside a runner and warns when it cannot be written, outputs still set', async () => {
    const server = await open.keep(startConnect());
    const inputs = inputsFor(server, { keys: 'k3sHkEoWJNwQim7g' });
    const outside = fakeCore(inputs);
    await run(outside.core, context, runnerEnv, new AbortController().signal);
    expect(outside.record.summary).toBe('');
    expect(outside.record.failed).toEqual([]);

    const broken = fakeCore(inputs, {
      summary: { addRaw: () => ({ write: () => Promise.reject(new Error('disk full')) }) },
    });
    await run(
      broken.core,
      context,
      { ...runnerEnv, GITHUB_STEP_SUMMARY: '/nowhere' },
      new AbortController().signal,
    );
    expect(broken.record.warnings).toEqual(['Could not write the job summary: disk full']);
    expect(broken.record.failed).toEqual([]);
    expect(JSON.parse(broken.record.outputs.results as string)[0].outcome).toBe('not-active');
  });
});
