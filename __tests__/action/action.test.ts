// The committed dist/index.js, run as the GitHub runner runs it: INPUT_* variables,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, on this Node (24, from the `node` devDependency).
import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

const open = openSet();
afterEach(open.closeAll);

async function connect(options: Parameters<typeof startConnect>[0] = {}) {
  const server = await open.keep(startConnect(options));
  return { server, inputs: inputsFor(server, { keys: 'all' }) };
}

async function xplenty(options: Parameters<typeof startXplenty>[0] = {}) {
  const server = await open.keep(startXplenty(options));
  return { server, inputs: inputsFor(server, { keys: 'all' }) };
}

/** Everything a user or a later step can see, less the mask commands that the runner consumes. */
function visible(run: Awaited<ReturnType<typeof runAction>>): string {
  const stdout = run.stdout
    .split('\n')
    .filter((line: string) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, run.stderr, run.outputsText, run.summary].join('\n');
}

function secretForms(key: string): string[] {
  return [key, Buffer.from(`${key}:`).toString('base64'), Buffer.from(key).toString('base64')];
}

describe('dist/index.js run as the runner does', () => {
  it('runs on Node 24, the runtime action.yml asks for', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')).toMatch(
      /using: node24/,
    );
  });

  it('terminates all active Connect jobs and writes outputs and summary', async () => {
    const { server, inputs } = await connect();
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expect(run.rows).toEqual([
      {
        app_id: 52389,
        app_guid: server.guid,
        job_key: 'waaTO7v75I84S1hQ',
        job_id: '40793542',
        result: 'Order to kill job registered',
        code: null,
        error: null,
        outcome: 'terminated',
        page_url: `${server.server}/connect/#/apps/${server.guid}/logs?logKey=waaTO7v75I84S1hQ`,
      },
      expect.objectContaining({ job_key: 'k3sHkEoWJNwQim7g', outcome: 'terminated' }),
    ]);
    expect(run.outputs.terminated).toBe('2');
    expect(run.outputs.failed).toBe('0');
    expect(run.summary).toContain(
      `<td>✅ terminated</td><td><a href="${server.server}/connect/#/apps/${server.guid}/logs?logKey=waaTO7v75I84S1hQ">waaTO7v75I84S1hQ</a></td>`,
    );
    expect(run.summary).toContain(
      'href="https://github.com/octo-org/deploy-app/actions/runs/4242"',
    );
    for (const form of secretForms(server.apiKey)) expect(visible(run)).not.toContain(form);
  });

  it('names the action, its version and the workflow run in the User-Agent', async () => {
    const { server, inputs } = await connect();
    await runAction({ ...inputs, keys: 'k3sHkEoWJNwQim7g' });
    const agents = new Set(server.requests.map((r) => r.headers['user-agent']));
    expect([...agents]).toEqual([
      'terminate-jobs/1.0.0 (https://github.com/octo-org/deploy-app/actions/runs/4242)',
    ]);
  });

  it('terminates Xplenty jobs by ID and reports every key in order', async () => {
    const { server, inputs } = await xplenty();
    const run = await runAction({ ...inputs, keys: '306\n999, 305 306' });
    expect(run.code).toBe(1);
    expect(run.rows.map((r: { id: number; outcome: string }) => [r.id, r.outcome])).toEqual([
      [306, 'terminated'],
      [999, 'not-found'],
      [305, 'terminated'],
    ]);
    expect(run.outputs.terminated).toBe('2');
    expect(run.outputs.failed).toBe('1');
    expect(run.stdout).toContain('::error::1 of 3 job(s) failed: 999 not-found (Item not found.)');
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(3);
    for (const form of secretForms(server.apiKey)) expect(visible(run)).not.toContain(form);
  });

  it('turns failure rows into a warning with fail-on-error: false', async () => {
    const { inputs } = await xplenty();
    const run = await runAction({ ...inputs, keys: '999', 'fail-on-error': 'false' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::1 of 1 job(s) failed: 999 not-found');
    expect(run.outputs.failed).toBe('1');
  });

  it('fails on a bad key whatever fail-on-error says, with one message and a row per key', async () => {
    const { server, inputs } = await connect();
    const run = await runAction({
      ...inputs,
      'api-key': 'not-the-key',
      keys: 'waaTO7v75I84S1hQ k3sHkEoWJNwQim7g',
      concurrency: '1',
      'fail-on-error': 'false',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Posit Connect did not accept the API key/);
    expect(run.rows.map((r: { error: string }) => r.error)).toEqual([
      expect.stringContaining("couldn't log you in"),
      'not sent: authentication failed',
    ]);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(run.summary).toContain(
      '<strong>Stopped before any job was terminated:</strong> Posit Connect did not accept the API key',
    );
  });

  it('refuses bad inputs before any request, naming each, and still writes the outputs', async () => {
    const { server, inputs } = await connect();
    const run = await runAction({
      ...inputs,
      keys: 'k3sHkEoWJNwQim7g',
      concurrency: '100',
      timeout: '-1',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::Invalid inputs:%0A- concurrency: got "100", expected a whole number from 1 to 64%0A- timeout: got "-1"',
    );
    expect(server.requests).toHaveLength(0);
    expect(run.rows).toEqual([
      expect.objectContaining({
        job_key: 'k3sHkEoWJNwQim7g',
        outcome: 'error',
        error: 'not sent: invalid input',
      }),
    ]);
    expect(run.outputs.failed).toBe('1');
  });

  it('refuses an unknown vendor with empty outputs', async () => {
    const run = await runAction({ vendor: 'jenkins', target: 'x', 'api-key': 'k' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::Invalid input: vendor: got "jenkins"');
    expect(run.outputs).toEqual({
      results: '[]',
      'results-file': expect.stringMatching(/terminate-jobs-results-.*\.json$/),
      terminated: '0',
      failed: '0',
      clusters: '[]',
    });
  });

  it('reads the key and the server from CONNECT_API_KEY and CONNECT_SERVER, and masks the key', async () => {
    const { server } = await connect();
    const run = await runAction(
      { vendor: 'connect', target: server.guid, keys: 'waaTO7v75I84S1hQ' },
      { env: { CONNECT_API_KEY: server.apiKey, CONNECT_SERVER: `${server.server}/__api__/` } },
    );
    expect(run.code).toBe(0);
    expect(run.rows[0].outcome).toBe('terminated');
    expect(run.stdout).toContain(`::add-mask::${server.apiKey}`);
  });

  it('sends only GETs in dry-run and says what would be terminated', async () => {
    const { server, inputs } = await xplenty();
    const run = await runAction({ ...inputs, 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(run.rows.map((r: { id: number; outcome: string }) => [r.id, r.outcome])).toEqual([
      [305, 'dry-run'],
      [306, 'dry-run'],
      [307, 'dry-run'],
    ]);
    expect(run.outputs.terminated).toBe('0');
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(run.summary).toContain('Dry run: 3 jobs would be stopped on Xplenty');
  });

  it('escapes server text in the summary', async () => {
    const { server, inputs } = await xplenty();
    server.inject({
      method: 'DELETE',
      kind: 'status',
      status: 400,
      body: { message: '<img src=x onerror=alert(1)> & "quotes"' },
    });
    server.inject({ method: 'GET', kind: 'status', status: 500, body: { message: 'no' } });
    const run = await runAction({ ...inputs, keys: '305', retries: '0' });
    expect(run.rows[0].error).toBe('<img src=x onerror=alert(1)> & "quotes"');
    expect(run.summary).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34;');
    expect(run.summary).not.toContain('<img');
  });

  it('a SIGTERM while the bundle is still loading still ends with outputs and a failed step', async () => {
    const { server, inputs } = await connect();
    let signalled = false;
    const run = await runAction(
      { ...inputs, keys: 'waaTO7v75I84S1hQ k3sHkEoWJNwQim7g' },
      {
        // Holds back the loading of the rest of the bundle after its entry, and says so.
        nodeArgs: ['--import', new URL('../fakes/slow-load.mjs', import.meta.url).href],
        env: { SLOW_LOAD_MS: '1000' },
        onLine: (line, child) => {
          if (line.startsWith('slow-load:') && !signalled) {
            signalled = true;
            child.kill('SIGTERM');
          }
        },
      },
    );
    // Part of the bundle loads after the signal handlers are in place (the chunk of @actions/core).
    expect(signalled).toBe(true);
    expect(run.code).toBe(1);
    expect(run.rows.map((r: { error: string }) => r.error)).toEqual([
      'cancelled before it was sent',
      'cancelled before it was sent',
    ]);
    expect(run.outputs.failed).toBe('2');
    expect(run.summary).toContain('The run was cancelled.');
    expect(server.requests).toHaveLength(0);
  });

  it('succeeds with an empty result when no Connect job is active', async () => {
    const { inputs } = await connect({ jobs: [{ key: 'finishedJob00001', status: 1 }] });
    const run = await runAction(inputs);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No active jobs found.');
    expect(run.outputs).toEqual({
      results: '[]',
      'results-file': expect.stringMatching(/terminate-jobs-results-.*\.json$/),
      terminated: '0',
      failed: '0',
      clusters: '[]',
    });
  });
});
