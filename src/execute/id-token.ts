import { failureText, isSuccess, type ApiResponse } from '../http/answer.js';
import type { HttpClient } from '../http/client.js';
import { RunStopped, unanswered } from '../shared/failures.js';
import { oneLine } from '../shared/text.js';
import { asRecord } from '../vendors/kit.js';

/** A client on `base` sending `headers` with every request; the run's secrets redacted. */
export type OpenClient = (base: URL, headers: Record<string, string>) => HttpClient;

// A JWT as GitHub issues it: printable ASCII, no spaces.
const TOKEN_TEXT = /^[\x21-\x7e]+$/;
// The service's answer is a JSON object with one token: far under this.
const MAX_ANSWER_BYTES = 1024 * 1024;
const NO_TOKEN = 'no OIDC token';

/**
 * GitHub's OIDC token for the job, asked of the runner's token service as @actions/core's
 * getIDToken asks it (`ACTIONS_ID_TOKEN_REQUEST_URL` with `&audience=`, the request token as
 * bearer), but through the run's own client. getIDToken takes no signal and no timeout: a
 * service that accepts the connection and never answers keeps its request, and its socket
 * the process, alive for as long as the job may run. It also retries on a schedule of its own,
 * and quotes the service's error body, the runner's request token included, as it is. Here the
 * request has the run's `timeout` per attempt and its `retries`, stops with the run, and its
 * answers are redacted of the request token in every form before anything reads them.
 */
export async function requestIdToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  open: OpenClient,
  cancel: AbortSignal,
): Promise<string> {
  const url = serviceUrl(env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
  const path = `${url.pathname}${url.search}${url.search ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
  const request = `the ID-token request (GET ${url.pathname})`;
  const failed = (said: string): string =>
    `Could not get an OIDC token from GitHub for audience ${audience}: ${said}`;
  const http = open(new URL('/', url), {
    authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''}`,
  });
  let response: ApiResponse;
  try {
    response = await http.request('GET', path, { signal: cancel, maxBodyBytes: MAX_ANSWER_BYTES });
  } catch (error) {
    throw unanswered(error, request, failed, NO_TOKEN);
  } finally {
    await http.close();
  }
  if (!isSuccess(response)) {
    throw new RunStopped(`${failed(`${request} answered ${refusal(response)}`)}.`, NO_TOKEN);
  }
  const token = asRecord(response.json)?.value;
  if (typeof token === 'string' && TOKEN_TEXT.test(token)) return token;
  throw new RunStopped(
    `GitHub's answer for audience ${audience} held no usable OIDC token.`,
    NO_TOKEN,
  );
}

/** The runner's token service; a value it would not set is said before anything is sent. */
function serviceUrl(value: string): URL {
  const url = URL.parse(value);
  if (url?.protocol === 'https:' || url?.protocol === 'http:') return url;
  // Not quoted: whatever it holds came from the environment, and may be a secret.
  throw new RunStopped(
    'ACTIONS_ID_TOKEN_REQUEST_URL is not an http(s) URL: the runner sets it for a job with `permissions: id-token: write`; do not set it in the workflow.',
    NO_TOKEN,
  );
}

/** The service's own `message` (GitHub's error shape) when it sent one, else the status. */
function refusal(response: ApiResponse): string {
  const message = asRecord(response.json)?.message;
  return typeof message === 'string' && message.trim() !== ''
    ? `HTTP ${response.status} (${oneLine(message, 300)})`
    : failureText(response, null);
}
