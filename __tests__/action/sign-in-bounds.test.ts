// The keyless sign-in's bounds, through dist/: GitHub's ID-token request and Connect's token
// exchange end within `timeout` and `retries`, the step ends once its outputs are written, the
// runner's request token never shows, and a failed sign-in's summary says it failed.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { startOidc } from '../fakes/oidc.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

type Run = Awaited<ReturnType<typeof runAction>>;

// A hang is ended by the runner's safety net (SIGKILL); every bound below is far under it.
const HANG_MS = 20_000;

async function setUp(oidcOptions: Parameters<typeof startOidc>[0] = {}) {
  const connect = await open.keep(startConnect({ trustedPublishing: {} }));
  const oidc = await open.keep(startOidc(oidcOptions));
  const inputs = {
    vendor: 'posit-connect',
    target: connect.guid,
    server: connect.server,
    keys: 'k1 k2',
    timeout: '1',
    retries: '1',
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

/** The forms a secret may be seen in (as the other secret tests check them). */
function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
}

function errorLine(run: Run): string | undefined {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::'));
}

function expectRowsNotSent(run: Run, reason: string): void {
  expect(run.code).toBe(1);
  expect(run.rows.map((row: { error: string }) => row.error)).toEqual([
    `not sent: ${reason}`,
    `not sent: ${reason}`,
  ]);
}

describe('the keyless sign-in within timeout and retries', () => {
  it('an ID-token service that accepts the connection and never answers: the step ends, outputs written', async () => {
    const { connect, oidc, inputs } = await setUp();
    oidc.inject({ path: '/idtoken', kind: 'hang' });
    const run = await runAction(inputs, { env: oidc.env, killAfterMs: HANG_MS });
    expectRowsNotSent(run, 'no OIDC token');
    // retries: 1 is two attempts of at most 1 s each, and a backoff under a second between.
    expect(oidc.requests).toHaveLength(2);
    const first = oidc.requests[0]?.at ?? 0;
    expect(run.endedAt - first).toBeLessThan(8_000);
    expect(errorLine(run)).toBe(
      '::error::Could not get an OIDC token from GitHub for audience connect: the ID-token request (GET /idtoken) timed out (no complete answer within 1 s).',
    );
    expect(run.outputs.failed).toBe('2');
    expect(connect.requests.map((r) => r.path)).toEqual([
      '/.well-known/oauth-authorization-server',
    ]);
  });

  it("Connect's token exchange not answering: said as the exchange's timeout, not as an unreachable server", async () => {
    const { connect, oidc, inputs } = await setUp();
    connect.inject({ method: 'POST', path: '/oauth/token', kind: 'hang' });
    const run = await runAction(
      { ...inputs, retries: '0' },
      { env: oidc.env, killAfterMs: HANG_MS },
    );
    expectRowsNotSent(run, 'Trusted Publishing failed');
    const exchanges = connect.requests.filter((r) => r.path === '/oauth/token');
    expect(exchanges).toHaveLength(1);
    expect(run.endedAt - (exchanges[0]?.at ?? 0)).toBeLessThan(6_000);
    expect(errorLine(run)).toBe(
      "::error::Trusted Publishing failed: Connect's token exchange (POST /oauth/token) timed out (no complete answer within 1 s); or give `api-key` (or CONNECT_API_KEY).",
    );
    expect(visible(run)).not.toContain('Could not reach the server');
    expect(run.summary).toContain('❌ Step failed: Trusted Publishing failed');
  });

  it('the step ends once its outputs are written, whatever the process still holds open', async () => {
    const { oidc, inputs } = await setUp();
    oidc.inject({ path: '/idtoken', kind: 'status', status: 401, body: { message: 'no' } });
    // A handle the action knows nothing of (a library's timer or socket) keeps Node's loop alive.
    const lingering = 'data:text/javascript,setInterval(() => {}, 1000)';
    const run = await runAction(inputs, {
      env: oidc.env,
      killAfterMs: HANG_MS,
      nodeArgs: ['--import', lingering],
    });
    expectRowsNotSent(run, 'no OIDC token');
    expect(run.outputs.failed).toBe('2');
    expect(run.endedAt - (oidc.requests[0]?.at ?? 0)).toBeLessThan(6_000);
  });
});

describe("the runner's token service URL", () => {
  it('one that is not http(s) is said without quoting it, and nothing is sent with the bearer', async () => {
    const { oidc, inputs } = await setUp();
    const url = `file:///${oidc.requestToken}`;
    const run = await runAction(inputs, {
      env: { ...oidc.env, ACTIONS_ID_TOKEN_REQUEST_URL: url },
      killAfterMs: HANG_MS,
    });
    expectRowsNotSent(run, 'no OIDC token');
    expect(errorLine(run)).toBe(
      '::error::ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL: the runner sets it for a job with `permissions: id-token: write`; do not set it in the workflow.',
    );
    expect(visible(run)).not.toContain(url);
    expect(oidc.requests).toHaveLength(0);
  });
});

describe("the runner's OIDC request token", () => {
  it.each([401, 500])(
    'echoed by the ID-token service in an HTTP %i error: redacted from the log, outputs and summary',
    async (status) => {
      const { oidc, inputs } = await setUp({ echoStatus: status });
      const run = await runAction(inputs, { env: oidc.env, killAfterMs: HANG_MS });
      expectRowsNotSent(run, 'no OIDC token');
      expect(errorLine(run)).toBe(
        `::error::Could not get an OIDC token from GitHub for audience connect: the ID-token request (GET /idtoken) answered HTTP ${status} (Bad credentials: *** / *** / *** / ***).`,
      );
      const header = `Bearer ${oidc.requestToken}`;
      const secrets = [...forms(oidc.requestToken), Buffer.from(header).toString('base64')];
      expect(masks(run)).toEqual(expect.arrayContaining(secrets));
      for (const form of secrets) expect(visible(run)).not.toContain(form);
      expect(run.summary).toContain('Could not get an OIDC token from GitHub');
    },
  );
});

describe("a failed sign-in's summary", () => {
  it('says the sign-in failed, not "Signed in with …"', async () => {
    const { oidc, inputs } = await setUp({ echoStatus: 401 });
    const run = await runAction(inputs, { env: oidc.env, killAfterMs: HANG_MS });
    expectRowsNotSent(run, 'no OIDC token');
    expect(run.summary).not.toContain('Signed in with');
    expect(run.summary).toContain(
      '<p>Could not sign in with Trusted Publishing for audience connect.</p>',
    );
    expect(run.stdout).not.toContain('Signed in with');
  });
});
