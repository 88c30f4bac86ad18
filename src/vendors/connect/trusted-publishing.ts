import { failureText, type ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { RunStopped, unanswered } from '../../shared/failures.js';
import { quote } from '../../shared/text.js';
import { asRecord } from '../kit.js';
import type { KeylessSignIn, SignInSession } from '../vendor.js';

/**
 * Posit's Trusted Publishing: GitHub's OIDC token for the job, exchanged at Connect's token
 * endpoint (RFC 8693) for a short-lived API key scoped to the content. The endpoint comes from
 * the server's OAuth metadata (RFC 8414), as Posit's own clients find it, path prefix included.
 */

/** The input naming the audience of the OIDC token; the trusted publisher must expect it. */
export const AUDIENCE = 'audience';
/** The default of Connect's trusted publisher form, and of Posit's deploy action. */
export const DEFAULT_AUDIENCE = 'connect';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const DISCOVERY = '.well-known/oauth-authorization-server';
// A key travels in a header: printable ASCII without spaces, and of a sane length.
const USABLE_KEY = /^[\x21-\x7e]{1,4096}$/;
const OR_KEY = 'or give `api-key` (or CONNECT_API_KEY)';
const FAILED = 'Trusted Publishing failed';

/** Signing in with the job's OIDC token for `audience`, when no API key is given. */
export function trustedPublishing(audience: string): KeylessSignIn {
  return {
    method: `Trusted Publishing for audience ${audience}`,
    // The key is Connect's own, short-lived and scoped to the trusting content.
    refusedAdvice: `The key came from Trusted Publishing (audience ${audience}): it is short-lived (a long wait can outlast it) and ends when the trusted publisher is removed. Run again, ${OR_KEY}.`,
    unavailable: (env) =>
      env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
        ? null
        : 'or sign in with Trusted Publishing, which needs `permissions: id-token: write` on the job: without it GitHub sets no ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    signIn: (session) => exchangeForKey(audience, session),
  };
}

async function exchangeForKey(audience: string, session: SignInSession): Promise<string> {
  // `{server}/`: the API root less its `__api__/`.
  const server = new URL('../', session.apiBase);
  const endpoint = await withClient(session, server, (http) =>
    tokenEndpoint(http, server, session.signal),
  );
  const idToken = await session.idToken(audience);
  // A new client: the OIDC token is now a secret its answers are redacted of.
  return withClient(session, server, (http) =>
    requestKey(http, endpoint, idToken, audience, session.signal),
  );
}

/** A sign-in client on the server's origin, closed after `use`. */
async function withClient<T>(
  session: SignInSession,
  server: URL,
  use: (http: HttpClient) => Promise<T>,
): Promise<T> {
  const http = session.http(new URL('/', server));
  try {
    return await use(http);
  } finally {
    await http.close();
  }
}

/**
 * The metadata's `token_endpoint`, refused unless it is on the server's own origin: the OIDC
 * token goes nowhere else.
 */
async function tokenEndpoint(http: HttpClient, server: URL, signal: AbortSignal): Promise<URL> {
  const discovery = new URL(DISCOVERY, server).pathname;
  const response = await http.request('GET', discovery, { signal });
  const said = `GET ${discovery} answered ${failureText(response, null)}`;
  const metadata = asRecord(response.json);
  // An old server answers 404, or its dashboard's HTML page for any path.
  if (response.status === 404 || (response.status === 200 && !metadata)) throw unsupported(said);
  if (response.status !== 200 || !metadata) {
    throw new RunStopped(`Could not read the OAuth metadata of ${server.origin}: ${said}.`, FAILED);
  }
  const grants = metadata.grant_types_supported;
  if (Array.isArray(grants) && !grants.includes(TOKEN_EXCHANGE)) {
    throw unsupported(`its OAuth metadata (GET ${discovery}) lists no token exchange grant`);
  }
  const endpoint = typeof metadata.token_endpoint === 'string' ? metadata.token_endpoint : '';
  const url = URL.parse(endpoint);
  if (!url) throw unsupported(`its OAuth metadata (GET ${discovery}) names no token_endpoint URL`);
  if (url.origin !== server.origin || url.username || url.password) {
    throw new RunStopped(
      `Connect's OAuth metadata names the token endpoint ${quote(endpoint)}, which is not on the server's own origin ${server.origin}: the OIDC token is not sent there. Check \`server\`, ${OR_KEY}.`,
      'the token endpoint is on another origin',
    );
  }
  return url;
}

function unsupported(why: string): RunStopped {
  return new RunStopped(
    `This Connect server does not support Trusted Publishing (needs 2026.07.0 or newer with an Enhanced or Advanced license): ${why}. Give \`api-key\` (or CONNECT_API_KEY) instead.`,
    'the server does not support Trusted Publishing',
  );
}

/** RFC 8693's token request: the OIDC token in, an access token (Connect's API key) out. */
async function requestKey(
  http: HttpClient,
  endpoint: URL,
  idToken: string,
  audience: string,
  signal: AbortSignal,
): Promise<string> {
  const path = `${endpoint.pathname}${endpoint.search}`;
  const form = {
    grant_type: TOKEN_EXCHANGE,
    subject_token_type: ID_TOKEN,
    requested_token_type: ACCESS_TOKEN,
    subject_token: idToken,
  };
  const response = await http
    .request('POST', path, { body: { form }, signal })
    .catch((error: unknown) => {
      // Which request went silent: the server answered its metadata a moment ago.
      throw unanswered(
        error,
        `Connect's token exchange (POST ${endpoint.pathname})`,
        (said) => `${FAILED}: ${said}; ${OR_KEY}`,
        FAILED,
      );
    });
  if (response.status < 200 || response.status >= 300) {
    throw exchangeFailure(response, `POST ${endpoint.pathname}`, audience);
  }
  const key = asRecord(response.json)?.access_token;
  if (typeof key === 'string' && USABLE_KEY.test(key)) return key;
  // The body is not quoted: it may hold a token.
  throw new RunStopped(
    `The token exchange (POST ${endpoint.pathname}) answered HTTP ${response.status} without a usable access_token.`,
    FAILED,
  );
}

/** A refused exchange in Posit's words: the RFC 6749 `error` and its description. */
function exchangeFailure(response: ApiResponse, call: string, audience: string): RunStopped {
  const answer = asRecord(response.json);
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const [error, description] = [text(answer?.error), text(answer?.error_description)];
  if (response.status === 400 && error === 'invalid_grant') {
    const said = description || error;
    if (/ambiguous/i.test(description)) {
      return new RunStopped(
        `The OIDC token matched more than one trusted publisher on Connect (${said}): remove the duplicate access grants on the server, ${OR_KEY}.`,
        FAILED,
      );
    }
    if (/verif/i.test(description)) {
      return new RunStopped(
        `Connect could not verify the OIDC token (${said}): check the server's clock and its OIDC issuer settings, ${OR_KEY}.`,
        FAILED,
      );
    }
    return new RunStopped(
      `No trusted publisher on Connect matches this repository and audience ${audience} (${said}). Check the content's trusted publisher: its audience must be ${audience}, and its repository, workflow and environment must match the job; GitHub's immutable subject claims (repo:owner@id/repo@id) are the usual cause of a mismatch. Or give \`api-key\` (or CONNECT_API_KEY).`,
      FAILED,
    );
  }
  const detail = [error, description].filter(Boolean).join(': ');
  const said = detail ? `HTTP ${response.status} (${detail})` : failureText(response, null);
  return new RunStopped(`The token exchange (${call}) answered ${said}; ${OR_KEY}.`, FAILED);
}
