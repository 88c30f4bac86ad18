// A loopback stand-in for the runner's OIDC token service: what a job with
// `permissions: id-token: write` reaches through ACTIONS_ID_TOKEN_REQUEST_URL, with
// `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN` and `&audience=…` appended to the URL.
// It answers `{"value": "<jwt>"}`: a token the fake Connect can verify (fake-signed, HS256).
import { createHmac, randomBytes } from 'node:crypto';
import { json, startServer } from './server.mjs';

/** The key the fake issuer signs with, and the fake Connect verifies with. */
export const OIDC_SIGNING_KEY = 'fake-oidc-issuer-signing-key';
export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
/** GitHub's immutable subject claim form: owner and repository with their ids. */
export const OIDC_SUBJECT = 'repo:octo-org@1234567/deploy-app@7654321:ref:refs/heads/main';

/**
 * @param {object} [options]
 * @param {string} [options.subject]     the `sub` claim (default OIDC_SUBJECT)
 * @param {string} [options.signingKey]  sign with another key: a token Connect cannot verify
 * @param {number} [options.echoStatus]  answer every request with this status and an error that
 *        echoes its Authorization header (as is, base64, the token's base64, URL-encoded), as a careless service
 *        or proxy in front of it might
 * @param {number} [options.port]
 */
export async function startOidc(options = {}) {
  const requestToken = `fake-runtime-token-${randomBytes(12).toString('hex')}`;
  /** @type {string[]} */
  const issued = [];
  const server = await startServer((req, url) => {
    if (req.method !== 'GET' || url.pathname !== '/idtoken')
      return json(404, { message: 'Not Found' });
    if (options.echoStatus !== undefined)
      return echo(options.echoStatus, req.headers.authorization);
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      return json(401, { message: 'Bad credentials' });
    }
    // Without an audience GitHub's default is the owner's URL.
    const audience = url.searchParams.get('audience') ?? 'https://github.com/octo-org';
    const token = jwt(
      {
        iss: OIDC_ISSUER,
        aud: audience,
        sub: options.subject ?? OIDC_SUBJECT,
        repository: 'octo-org/deploy-app',
        jti: randomBytes(8).toString('hex'),
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 300,
      },
      options.signingKey ?? OIDC_SIGNING_KEY,
    );
    issued.push(token);
    return json(200, { count: 1, value: token });
  }, options);
  const url = `${server.url}/idtoken?api-version=2.0`;
  return {
    ...server,
    url,
    requestToken,
    /** Every token handed out, in order. */
    issued,
    /** What the runner sets for a job with `id-token: write`. */
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
  };
}

/** @param {number} status @param {string | undefined} authorization */
function echo(status, authorization = '') {
  const token = authorization.replace(/^Bearer /, '');
  const said = [
    authorization,
    Buffer.from(authorization).toString('base64'),
    Buffer.from(token).toString('base64'),
    encodeURIComponent(authorization),
  ];
  return json(status, { message: `Bad credentials: ${said.join(' / ')}` });
}

/** @param {Record<string, unknown>} claims @param {string} key */
function jwt(claims, key) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/**
 * The claims of a token this fake issued, or why it is not one (for the fake Connect).
 * @param {string} token
 * @returns {{ claims: Record<string, unknown> } | { invalid: string }}
 */
export function verifyToken(token) {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return { invalid: 'token verification failed: not a JWT' };
  const expected = createHmac('sha256', OIDC_SIGNING_KEY)
    .update(`${header}.${payload}`)
    .digest('base64url');
  if (signature !== expected) return { invalid: 'token verification failed: bad signature' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) {
    return { invalid: 'token verification failed: token expired' };
  }
  return { claims };
}

/**
 * This fake as `npm run fakes` and the demo start and describe it: the runner's side of a
 * sign-in without a key (scripts/fakes.mjs finds it here).
 */
export const serviceFake = {
  /** Its short name: `--port-oidc`, `FAKE_OIDC_*`, `fakes.oidc`. */
  id: 'oidc',
  title: 'OIDC service',
  /** @param {{ port?: number }} options */
  start: ({ port }) => startOidc({ port }),
  /** What the runner sets for a job with `id-token: write`, without the FAKE_OIDC_ prefix. */
  env: (fake) => ({ URL: fake.url, TOKEN: fake.requestToken }),
  facts: (fake) => [
    ['runtime token', fake.requestToken],
    ['', 'set FAKE_OIDC_URL and FAKE_OIDC_TOKEN as ACTIONS_ID_TOKEN_REQUEST_URL and'],
    ['', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN to sign in without a key (Connect: audience connect)'],
  ],
};
