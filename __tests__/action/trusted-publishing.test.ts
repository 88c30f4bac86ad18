// Signing in to Posit Connect without an API key: GitHub's OIDC token exchanged for a key
// (Trusted Publishing), run through dist/ against the fake Connect and the fake OIDC service.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect, TOKEN_EXCHANGE } from '../fakes/connect.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { startServer } from '../fakes/server.mjs';

const open = openSet();
afterEach(open.closeAll);

type Run = Awaited<ReturnType<typeof runAction>>;
type Connect = Awaited<ReturnType<typeof startConnect>>;

/** A Connect fake, the OIDC fake, and the inputs of a run without a key. */
async function setUp(options: Parameters<typeof startConnect>[0] = { trustedPublishing: {} }) {
  const connect = await open.keep(startConnect(options));
  const oidc = await open.keep(startOidc());
  const inputs = {
    vendor: 'posit-connect',
    target: connect.guid,
    server: connect.server,
    keys: 'waaTO7v75I84S1hQ k3sHkEoWJNwQim7g',
    retries: '0',
  };
  return { connect, oidc, inputs };
}

/** Everything a user or a later step can see, less the mask commands the runner consumes. */
function visible(run: Run): string {
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [log, run.stderr, run.outputsText, run.summary, run.resultsFileText ?? ''].join('\n');
}

function masks(run: Run): string[] {
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

/** The forms a secret may be seen in. */
function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
}

function expectAllNotSent(run: Run, reason: string): void {
  expect(run.code).toBe(1);
  expect(run.rows.map((row: { error: string }) => row.error)).toEqual([
    `not sent: ${reason}`,
    `not sent: ${reason}`,
  ]);
}

const deletes = (connect: Connect) => connect.requests.filter((r) => r.method === 'DELETE');

describe('Trusted Publishing', () => {
  it('exchanges the OIDC token for a key, terminates with it, and keeps both tokens secret', async () => {
    const { connect, oidc, inputs } = await setUp();
    const run = await runAction(inputs, { env: oidc.env });
    expect(run.code).toBe(0);
    expect(run.outputs.terminated).toBe('2');

    const [idRequest] = oidc.requests;
    expect(oidc.requests).toHaveLength(1);
    expect(idRequest?.query.get('audience')).toBe('connect');
    expect(idRequest?.headers.authorization).toBe(`Bearer ${oidc.requestToken}`);
    const [discovery, exchange, ...api] = connect.requests;
    expect([discovery?.method, discovery?.path]).toEqual([
      'GET',
      '/.well-known/oauth-authorization-server',
    ]);
    expect([exchange?.method, exchange?.path]).toEqual(['POST', '/oauth/token']);
    expect(exchange?.headers.authorization).toBeUndefined();
    expect(exchange?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(exchange?.body))).toEqual({
      grant_type: TOKEN_EXCHANGE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: oidc.issued[0],
    });
    const [minted] = connect.mintedKeys;
    expect(new Set(api.map((r) => r.headers.authorization))).toEqual(new Set([`Key ${minted}`]));

    expect(run.stdout).toContain('Signing in with Trusted Publishing for audience connect.');
    expect(run.summary).toContain('<p>Signed in with Trusted Publishing for audience connect.</p>');
    const secrets = [oidc.issued[0] as string, minted as string, oidc.requestToken];
    for (const secret of secrets) expect(masks(run)).toEqual(expect.arrayContaining(forms(secret)));
    for (const form of secrets.flatMap(forms)) expect(visible(run)).not.toContain(form);
  });

  it('asks for the audience given, under a path prefix too', async () => {
    const { connect, oidc, inputs } = await setUp({
      prefix: '/rsc',
      trustedPublishing: { audience: 'https://connect.example.com' },
    });
    const run = await runAction(
      { ...inputs, audience: 'https://connect.example.com' },
      { env: oidc.env },
    );
    expect(run.code).toBe(0);
    expect(oidc.requests[0]?.query.get('audience')).toBe('https://connect.example.com');
    expect(connect.requests[0]?.path).toBe('/rsc/.well-known/oauth-authorization-server');
    expect(connect.requests[1]?.path).toBe('/rsc/oauth/token');
    expect(run.stdout).toContain(
      'Signing in with Trusted Publishing for audience https://connect.example.com.',
    );
  });

  it('a minted key refused during the wait: the message speaks of Trusted Publishing, not of api-key', async () => {
    const { connect, oidc, inputs } = await setUp({
      trustedPublishing: {},
      jobs: [{ key: 'k1', stopAfterMs: 60_000 }],
    });
    connect.inject({
      method: 'GET',
      path: '/jobs/k1',
      kind: 'status',
      status: 401,
      body: { code: 30, error: 'Key expired.', payload: null },
    });
    const run = await runAction(
      { ...inputs, keys: 'k1', wait: 'true', 'fail-on-error': 'false' },
      { env: oidc.env },
    );
    expect(run.code).toBe(1);
    const [error] = run.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(error).toMatch(/^::error::Posit Connect did not accept the API key \(GET /);
    expect(error).toContain(
      'The key came from Trusted Publishing (audience connect): it is short-lived',
    );
    expect(error).not.toContain('Check `api-key`');
    expect(run.rows[0]).toMatchObject({ outcome: 'terminated' });
    // The summary's heading says why the wait ended, as after a refusal in the kill phase.
    expect(run.summary).toContain('❌ Step failed: the API key was refused');
  });

  it('with api-key given: no OIDC request, no discovery, and the log says which key', async () => {
    const { connect, oidc, inputs } = await setUp();
    const run = await runAction({ ...inputs, 'api-key': connect.apiKey }, { env: oidc.env });
    expect(run.code).toBe(0);
    expect(oidc.requests).toHaveLength(0);
    expect(connect.requests.map((r) => r.path)).not.toContain(
      '/.well-known/oauth-authorization-server',
    );
    expect(run.stdout).toContain('Signing in with the API key of input `api-key`.');
    expect(run.summary).toContain('Signed in with the API key of input <code>api-key</code>.');
  });

  it('without id-token: write (no ACTIONS_ID_TOKEN_REQUEST_*): an input error, nothing sent', async () => {
    const { connect, inputs } = await setUp();
    const run = await runAction(inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::Invalid input: api-key: missing; set the input or the CONNECT_API_KEY environment variable (or sign in with Trusted Publishing, which needs `permissions: id-token: write` on the job',
    );
    expect(run.rows.map((row: { error: string }) => row.error)).toEqual([
      'not sent: invalid input',
      'not sent: invalid input',
    ]);
    expect(connect.requests).toHaveLength(0);
  });

  it('Xplenty has no such sign-in: without a key it stays an input error', async () => {
    const { oidc } = await setUp();
    const run = await runAction(
      { vendor: 'xplenty', target: 'acme', keys: '305' },
      { env: oidc.env },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::Invalid input: api-key: missing; set the input or the XPLENTY_API_KEY environment variable',
    );
    expect(oidc.requests).toHaveLength(0);
  });

  it.each([
    ['answers its metadata with a 404', undefined],
    ['offers no token exchange', { grantTypes: ['authorization_code', 'refresh_token'] }],
  ])('a server that %s does not support it: said before any OIDC request', async (_, tp) => {
    const { connect, oidc, inputs } = await setUp({ trustedPublishing: tp });
    const run = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(run, 'the server does not support Trusted Publishing');
    expect(run.stdout).toContain(
      '::error::This Connect server does not support Trusted Publishing (needs 2026.07.0 or newer with an Enhanced or Advanced license)',
    );
    expect(oidc.requests).toHaveLength(0);
    expect(deletes(connect)).toHaveLength(0);
  });

  it('a token endpoint on another origin is refused before the OIDC token is sent anywhere', async () => {
    const elsewhere = await open.keep(startServer(() => ({ status: 200, body: {} })));
    const { connect, oidc, inputs } = await setUp({
      trustedPublishing: { tokenEndpoint: () => `${elsewhere.url}/oauth/token` },
    });
    const run = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(run, 'the token endpoint is on another origin');
    expect(run.stdout).toContain(
      `::error::Connect's OAuth metadata names the token endpoint "${elsewhere.url}/oauth/token", which is not on the server's own origin ${connect.url}: the OIDC token is not sent there.`,
    );
    expect(elsewhere.requests).toHaveLength(0);
    expect(oidc.requests).toHaveLength(0);
  });

  it('no trusted publisher for this audience (invalid_grant): names the audience and the usual cause', async () => {
    const { connect, oidc, inputs } = await setUp();
    const run = await runAction({ ...inputs, audience: 'staging' }, { env: oidc.env });
    expectAllNotSent(run, 'Trusted Publishing failed');
    expect(run.stdout).toContain(
      '::error::No trusted publisher on Connect matches this repository and audience staging (no trusted publisher matches the token).',
    );
    expect(run.stdout).toContain('immutable subject claims (repo:owner@id/repo@id)');
    expect(run.summary).toContain(
      '<strong>Stopped before any job was terminated:</strong> No trusted publisher on Connect',
    );
    expect(deletes(connect)).toHaveLength(0);
  });

  it('an ambiguous match and a token Connect cannot verify get their own sentences', async () => {
    const ambiguous = await setUp({ trustedPublishing: { publishers: 2 } });
    const run = await runAction(ambiguous.inputs, { env: ambiguous.oidc.env });
    expectAllNotSent(run, 'Trusted Publishing failed');
    expect(run.stdout).toContain(
      '::error::The OIDC token matched more than one trusted publisher on Connect (ambiguous: the token matches more than one service principal): remove the duplicate access grants on the server',
    );

    const connect = await open.keep(startConnect({ trustedPublishing: {} }));
    const forger = await open.keep(startOidc({ signingKey: 'not-the-issuer-key' }));
    const unverified = await runAction(
      { ...ambiguous.inputs, server: connect.server },
      { env: forger.env },
    );
    expectAllNotSent(unverified, 'Trusted Publishing failed');
    expect(unverified.stdout).toContain(
      "::error::Connect could not verify the OIDC token (token verification failed: bad signature): check the server's clock and its OIDC issuer settings",
    );
  });

  it('any other answer: its status and RFC 6749 error, with the OIDC token echoed back redacted', async () => {
    const { connect, oidc, inputs } = await setUp();
    connect.inject({
      path: '/oauth/token',
      kind: 'status',
      status: 401,
      body: () => ({
        error: 'invalid_client',
        error_description: `client not allowed for ${oidc.issued[0]}`,
      }),
    });
    const run = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(run, 'Trusted Publishing failed');
    expect(run.stdout).toContain(
      '::error::The token exchange (POST /oauth/token) answered HTTP 401 (invalid_client: client not allowed for ***); or give `api-key` (or CONNECT_API_KEY).',
    );
    expect(visible(run)).not.toContain(oidc.issued[0]);
  });

  it('a 200 without an access_token, and a metadata page that is HTML, stop the run too', async () => {
    const { connect, oidc, inputs } = await setUp();
    connect.inject({
      path: '/oauth/token',
      kind: 'status',
      status: 200,
      body: { token_type: 'N_A' },
    });
    const run = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(run, 'Trusted Publishing failed');
    expect(run.stdout).toContain(
      '::error::The token exchange (POST /oauth/token) answered HTTP 200 without a usable access_token.',
    );

    connect.inject({ path: '/.well-known/', kind: 'html', status: 200 });
    const html = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(html, 'the server does not support Trusted Publishing');
    expect(html.stdout).toMatch(/answered HTTP 200 with a text\/html body, not JSON/);
  });

  it('metadata that cannot be read, or names no token endpoint: said, nothing sent', async () => {
    const { connect, oidc, inputs } = await setUp();
    connect.inject({
      path: '/.well-known/',
      kind: 'status',
      times: 1,
      status: 503,
      body: { error: 'down' },
    });
    const run = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(run, 'Trusted Publishing failed');
    expect(run.stdout).toContain(
      `::error::Could not read the OAuth metadata of ${connect.url}: GET /.well-known/oauth-authorization-server answered HTTP 503`,
    );

    connect.inject({ path: '/.well-known/', kind: 'status', status: 200, body: { issuer: 'x' } });
    const nameless = await runAction(inputs, { env: oidc.env });
    expectAllNotSent(nameless, 'the server does not support Trusted Publishing');
    expect(nameless.stdout).toContain('names no token_endpoint URL');
    expect(oidc.requests).toHaveLength(0);
  });

  it("keeps the token endpoint's query", async () => {
    const { connect, oidc, inputs } = await setUp({
      trustedPublishing: { tokenEndpoint: (origin) => `${origin}/oauth/token?tenant=acme` },
    });
    const run = await runAction(inputs, { env: oidc.env });
    expect(run.code).toBe(0);
    expect(connect.requests[1]?.query.get('tenant')).toBe('acme');
  });

  it('GitHub refusing the OIDC request stops the run with its reason', async () => {
    const { oidc, inputs } = await setUp();
    const run = await runAction(inputs, {
      env: { ...oidc.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'a-revoked-runtime-token' },
    });
    expectAllNotSent(run, 'no OIDC token');
    expect(run.stdout).toMatch(
      /::error::Could not get an OIDC token from GitHub for audience connect: .*401/,
    );
  });
});
