// The command, dist/cli/index.js, run as a process against the loopback fakes.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnect } from '../fakes/connect.mjs';
import { openSet } from '../fakes/setup.mjs';
import { runCli } from './cli.mjs';

const open = openSet();
afterEach(open.closeAll);

async function connect(options: Parameters<typeof startConnect>[0] = {}) {
  const server = await open.keep(startConnect(options));
  const flags = ['--vendor', server.vendor, '--target', server.target, '--server', server.server];
  return { server, flags, env: { CONNECT_API_KEY: server.apiKey } };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'cli-test-'));

describe('terminate-jobs, the command', () => {
  it('kills the keys given by repeated --keys, the key from the environment; stdout is one JSON object', async () => {
    const { server, flags, env } = await connect();
    const run = await runCli(
      [...flags, '--keys', 'waaTO7v75I84S1hQ', '--keys', 'k3sHkEoWJNwQim7g', '--json'],
      { env },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: { job_key: string; outcome: string }[] };
    expect(Object.keys(result)).toEqual(['rows']);
    expect(result.rows.map((r) => [r.job_key, r.outcome])).toEqual([
      ['waaTO7v75I84S1hQ', 'terminated'],
      ['k3sHkEoWJNwQim7g', 'terminated'],
    ]);
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(run.stderr).not.toContain(server.apiKey);
  });

  it('--dry-run sends no kill order; without --json stdout is the table and the counts', async () => {
    const { server, flags, env } = await connect();
    const run = await runCli([...flags, '--keys', 'all', '--dry-run'], { env });
    expect(run.code).toBe(0);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(run.stdout).toMatch(/^dry-run +waaTO7v75I84S1hQ$/m);
    expect(run.stdout).toMatch(/^2 job\(s\); terminated 0, failed 0$/m);
  });

  it('writes no runner command and no GITHUB_OUTPUT outside a runner', async () => {
    const { flags, env } = await connect();
    const dir = scratch();
    const output = join(dir, 'output');
    writeFileSync(output, '');
    const run = await runCli([...flags, '--keys', 'all', '--dry-run', '--debug'], {
      env: { ...env, GITHUB_OUTPUT: output },
    });
    expect(run.code).toBe(0);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^::|##\[/m);
    expect(readFileSync(output, 'utf8')).toBe('');
  });

  it('reads the key from --api-key-file, trailing newline trimmed, over the environment', async () => {
    const { server, flags } = await connect();
    const file = join(scratch(), 'key');
    writeFileSync(file, `${server.apiKey}\n`);
    const run = await runCli([...flags, '--keys', 'all', '--dry-run', '--api-key-file', file], {
      env: { CONNECT_API_KEY: 'a-wrong-key' },
    });
    expect(run.code).toBe(0);
    expect(server.requests.every((r) => r.headers.authorization === `Key ${server.apiKey}`)).toBe(
      true,
    );
  });

  it('writes the rows to --results-file and the summary to --summary', async () => {
    const { flags, env } = await connect();
    const dir = scratch();
    const run = await runCli(
      [...flags, '--keys', 'all', '--dry-run', '--results-file', join(dir, 'rows.json')].concat([
        '--summary',
        join(dir, 'summary.md'),
      ]),
      { env },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('Dry run');
  });

  it('exits 1 when the run fails: a refused key', async () => {
    const { flags } = await connect();
    const run = await runCli([...flags, '--keys', 'all'], { env: { CONNECT_API_KEY: 'wrong' } });
    expect(run.code).toBe(1);
  });

  it('exits 2 on bad input, nothing sent: an input the settings refuse', async () => {
    const { server, flags, env } = await connect();
    const run = await runCli([...flags, '--keys', 'all', '--concurrency', '900'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/concurrency/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['an unknown flag', ['--bogus']],
    ['a repeated flag', ['--wait', '--no-wait']],
    ['--api-key on the command line', ['--api-key', 'secret']],
    ['an unreadable --api-key-file', ['--api-key-file', '/nonexistent/key']],
  ])('exits 2, nothing sent, on %s', async (_what, extra) => {
    const { server, flags, env } = await connect();
    const run = await runCli([...flags, '--keys', 'all', ...extra], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(server.requests).toHaveLength(0);
  });

  it('exits 2 without a key and without a runner’s OIDC variables, saying so', async () => {
    const { server, flags } = await connect();
    const run = await runCli([...flags, '--keys', 'all']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ACTIONS_ID_TOKEN_REQUEST_URL');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'on %s during a wait: stops, still prints the rows, exits %d',
    async (signal, code) => {
      const { flags, env } = await connect({
        jobs: [{ key: 'stubbornJob00001', stopAfterMs: 600_000 }],
      });
      let sent = false;
      const run = await runCli(
        [...flags, '--keys', 'stubbornJob00001', '--wait', '--poll-interval', '0.2', '--json'],
        {
          env,
          onStderr: (text, child) => {
            if (!sent && /still active|Wait/i.test(text)) {
              sent = true;
              setTimeout(() => child.kill(signal), 500);
            }
          },
        },
      );
      expect(sent).toBe(true);
      expect(run.code).toBe(code);
      const result = JSON.parse(run.stdout) as { rows: { job_key: string }[] };
      expect(result.rows.map((r) => r.job_key)).toEqual(['stubbornJob00001']);
    },
  );
});
