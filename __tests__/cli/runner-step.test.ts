// The command in a runner's `run:` step: Trusted Publishing with the job's OIDC token, and
// stdout still the result alone (the token's mask command goes to stderr).
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import { openSet } from '../fakes/setup.mjs';
import { runCli } from './cli.mjs';

const open = openSet();
afterEach(open.closeAll);

describe('terminate-jobs in a run: step', () => {
  it('signs in with Trusted Publishing; with --json stdout is still one JSON object', async () => {
    const connect = await open.keep(startConnect({ trustedPublishing: {} }));
    const oidc = await open.keep(startOidc());
    const run = await runCli(
      ['--vendor', 'connect', '--target', connect.guid, '--server', connect.server].concat([
        '--keys',
        'waaTO7v75I84S1hQ',
        '--dry-run',
        '--json',
      ]),
      { env: { ...oidc.env, GITHUB_ACTIONS: 'true' } },
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: { outcome: string }[] };
    expect(result.rows.map((row) => row.outcome)).toEqual(['dry-run']);
    expect(run.stderr).toMatch(/^::add-mask::/m);
  });
});
