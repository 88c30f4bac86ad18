// Issue 25: Trusted Publishing mints a key for one content item, so a run that reaches past one
// item (`target: all`, several targets, `content-tag`, `content-name`) without an API key is an
// input error, said before any request: no OIDC token is asked for, Connect hears nothing.
// Run through dist/ with the runner's OIDC variables set, as on a job with `id-token: write`.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const OTHER_GUID = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';
const INSTEAD =
  'cannot use Trusted Publishing, which signs in for one content item: give the API key of an account that may see those items';

const open = openSet();
afterEach(open.closeAll);

async function setUp() {
  const connect = await open.keep(
    startConnect({ trustedPublishing: {}, items: [{ guid: OTHER_GUID }] }),
  );
  const oidc = await open.keep(startOidc());
  return {
    connect,
    oidc,
    inputs: { vendor: 'posit-connect', server: connect.server, keys: 'all' },
  };
}

describe('a keyless sign-in reaches one content item only', () => {
  it.each([
    ['target: all', () => ({ target: 'all' }), '`target: all`'],
    [
      'two targets',
      (guid: string) => ({ target: `${guid} ${OTHER_GUID}` }),
      'several content items in `target`',
    ],
    [
      'content-tag',
      () => ({ target: 'all', 'content-tag': 'Reports' }),
      '`target: all` with `content-tag`',
    ],
    [
      'content-name',
      () => ({ target: 'all', 'content-name': 'sales' }),
      '`target: all` with `content-name`',
    ],
  ])(
    '%s without an API key: an input error saying what to use, nothing sent',
    async (_, extra, reach) => {
      const { connect, oidc, inputs } = await setUp();
      const run = await runAction({ ...inputs, ...extra(connect.guid) }, { env: oidc.env });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `::error::Invalid input: api-key: missing; set the input or the CONNECT_API_KEY environment variable (${reach} ${INSTEAD})`,
      );
      expect(oidc.requests).toEqual([]);
      expect(connect.requests).toEqual([]);
    },
  );

  it('with CONNECT_API_KEY, target: all runs on that key and asks for no OIDC token', async () => {
    const { connect, oidc, inputs } = await setUp();
    const run = await runAction(
      { ...inputs, target: 'all', 'dry-run': 'true' },
      { env: { ...oidc.env, CONNECT_API_KEY: connect.apiKey } },
    );
    expect(run.code).toBe(0);
    expect(oidc.requests).toEqual([]);
    expect(run.stdout).toContain('Signing in with the API key of env CONNECT_API_KEY.');
  });

  it('one content item still signs in with Trusted Publishing', async () => {
    const { connect, oidc, inputs } = await setUp();
    const run = await runAction({ ...inputs, target: connect.guid }, { env: oidc.env });
    expect(run.code).toBe(0);
    expect(oidc.requests).toHaveLength(1);
  });
});
