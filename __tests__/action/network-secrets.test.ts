// The fault matrix of issue 4 (network-*.test.ts), secrets: with RUNNER_DEBUG=1, retries, echoed
// answers and redirects, the key appears nowhere but in the mask commands. Runs the committed
// dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes.
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { commands, expectOneRowPerKey, fakesForEachTest, rowsOf } from '../helpers/runs.js';

const { connect, xplenty } = fakesForEachTest();

describe('fault matrix, through dist/index.js', () => {
  it.each(['posit-connect', 'xplenty'] as const)(
    'RUNNER_DEBUG=1 with %s: the key and its base64 forms appear nowhere, echoed answers included',
    async (vendor) => {
      const fake =
        vendor === 'posit-connect'
          ? await connect(['k1', 'k2', 'k3'])
          : await xplenty([305, 306, 307]);
      const [first, second, third] = fake.inputs.keys!.split(' ') as [string, string, string];
      const key = fake.server.apiKey;
      const forms = [
        key,
        Buffer.from(`${key}:`).toString('base64'),
        Buffer.from(key).toString('base64'),
      ];
      const echo = `you sent ${forms.join(' and ')}`;
      // A retry (debug lines), a server echoing the credential, a redirect carrying it.
      fake.server.inject({
        method: 'DELETE',
        path: `/${first}`,
        times: 1,
        kind: 'status',
        status: 503,
        headers: { 'retry-after': '0' },
      });
      fake.server.inject({
        method: 'DELETE',
        path: `/${second}`,
        kind: 'status',
        status: 400,
        body: { code: 3, error: echo, message: echo },
      });
      fake.server.inject({
        method: 'DELETE',
        path: `/${third}`,
        kind: 'redirect',
        location: `http://127.0.0.2:9/login?key=${key}`,
      });
      const run = await runAction(fake.inputs, { env: { RUNNER_DEBUG: '1' } });
      expect(run.code).toBe(1);
      expect(commands(run, 'debug').length).toBeGreaterThan(3);
      expect(commands(run, 'debug').join('\n')).toMatch(/HTTP 503; retry 1 of 4/);
      // The mask commands must carry the key (the runner consumes them and masks from then
      // on): they are the only lines allowed to, and exactly those lines are left out here.
      const masks = commands(run, 'add-mask');
      expect(masks).toEqual(expect.arrayContaining(forms));
      const stdout = run.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      for (const form of forms) {
        for (const [where, text] of Object.entries({
          stdout,
          stderr: run.stderr,
          outputs: run.outputsText,
          summary: run.summary,
        })) {
          expect({ where, leaked: text.includes(form) }).toEqual({ where, leaked: false });
        }
      }
      expectOneRowPerKey(run, [first, second, third]);
      const rows = rowsOf(run);
      expect(rows[0]).toMatchObject({ outcome: 'terminated' });
      expect(rows[1]?.error).toBe('you sent *** and *** and ***');
      expect(rows[2]?.error).toContain('redirect to http://127.0.0.2:9/login?key=***');
    },
  );
});
