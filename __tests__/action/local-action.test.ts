// `npm run local-action` on a fresh checkout (no .env): @github/local-action runs src/local-action.ts
// with the settings of .env.example against the fakes, a dry run of the two active Connect jobs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The addresses .env.example gives the fakes, held by something else (as `npm run fakes -- --port-
// connect 3939` or a real Connect would): the fakes must not need them. Already taken is as good.
const held: Server[] = [];
beforeAll(async () => {
  for (const port of [3939, 3940]) {
    const server = createServer();
    await new Promise<void>((resolve) => {
      server.once('error', () => resolve());
      server.listen(port, '127.0.0.1', () => {
        held.push(server);
        resolve();
      });
    });
  }
});
afterAll(async () => {
  await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('npm run local-action', () => {
  it('runs a dry run against the fakes with .env.example, with 127.0.0.1:3939 and :3940 taken', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['scripts/local-action.mjs', '--env', '.env.example'],
      { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 10 * 1024 * 1024 },
    );
    expect(stdout).toMatch('Settings: .env.example');
    expect(stdout).toMatch('Found 2 active job(s).');
    const results = /::set-output name=results::(.*)$/m.exec(stdout)?.[1];
    const rows = JSON.parse(results ?? 'null') as { job_key: string; outcome: string }[];
    expect(rows.map((row) => `${row.job_key} ${row.outcome}`)).toEqual([
      'waaTO7v75I84S1hQ dry-run',
      'k3sHkEoWJNwQim7g dry-run',
    ]);
    expect(stdout).toMatch('::set-output name=terminated::0');
    expect(stdout).not.toMatch('connect-fake-api-key-0123456789');
  });
});
