import { HttpClient } from '../http/client.js';
import { secretForms } from '../http/redact.js';
import { VERSION } from '../runtime/version.js';
import { inGroup, type ActionsCore } from '../shared/log.js';
import type {
  ConfiguredVendor,
  KeylessSignIn,
  SignInSession,
  VendorModule,
} from '../vendors/vendor.js';
import { requestIdToken } from './id-token.js';

/** What the sign-in and the run's client are made from (the settings hold it). */
export interface SignInPlan {
  /** How the run signs in, for the log: "the API key", "Trusted Publishing for audience …". */
  signIn: string;
  /** The key given; '' for a keyless sign-in. */
  apiKey: string;
  apiBase: URL;
  vendor: VendorModule;
  configured: ConfiguredVendor;
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

/** The key the run uses, and the other secrets met while obtaining it. */
export interface Credential {
  apiKey: string;
  /** Every form of the sign-in's own secrets (an OIDC token): redacted from later answers too. */
  secrets: string[];
  /** What to check if the server refuses a key the sign-in obtained (absent: a given key). */
  keyAdvice?: string;
}

/**
 * The run's key: the one given, or, without one, the one the vendor's keyless sign-in
 * obtains (its requests on a client of their own, without credentials). Each secret is
 * masked in every form the moment it exists.
 */
export async function signIn(
  settings: SignInPlan,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
  cancel: AbortSignal,
): Promise<Credential> {
  const { keyless } = settings.configured;
  if (settings.apiKey !== '' || !keyless) {
    core.info(`Signing in with ${settings.signIn}.`);
    return { apiKey: settings.apiKey, secrets: [] };
  }
  const credential = await inGroup(core, `Sign in to ${settings.apiBase.origin}`, () => {
    core.info(`Signing in with ${settings.signIn}.`);
    return signInWithout(keyless, settings, core, env, runUrl, cancel);
  });
  core.info(`Signed in with ${settings.signIn}.`);
  return credential;
}

/** The keyless sign-in's requests and secrets (an OIDC token exchanged for a key). */
async function signInWithout(
  keyless: KeylessSignIn,
  settings: SignInPlan,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
  cancel: AbortSignal,
): Promise<Credential> {
  warnings(core, settings.apiBase, env);
  const secrets: string[] = [];
  const secret = (...values: string[]): void => {
    const forms = secretForms(values);
    for (const form of forms) core.setSecret(form);
    secrets.push(...forms);
  };
  // The runner's request token, and the header it travels in (a service may echo either).
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '';
  if (requestToken !== '') secret(requestToken, `Bearer ${requestToken}`);
  const open = (base: URL, headers: Record<string, string> = {}): HttpClient =>
    httpClient(settings, { base, secrets: [...secrets], headers }, runUrl, core);
  const session: SignInSession = {
    apiBase: settings.apiBase,
    signal: cancel,
    idToken: async (audience) => {
      const token = await requestIdToken(audience, env, open, cancel);
      secret(token);
      return token;
    },
    http: (base) => open(base),
  };
  const apiKey = await keyless.signIn(session);
  for (const form of secretForms(settings.vendor.credentials(apiKey))) core.setSecret(form);
  return { apiKey, secrets, keyAdvice: keyless.refusedAdvice };
}

/**
 * The run's one HTTP client for the vendor's API: its key in every form redacted from what
 * comes back (and the sign-in's secrets), the workflow run named in the User-Agent, and a
 * warning where the key would travel unprotected.
 */
export function openHttp(
  settings: SignInPlan,
  credential: Credential,
  runUrl: string | null,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
): HttpClient {
  const { vendor } = settings;
  const { apiKey } = credential;
  if (settings.apiKey !== '') warnings(core, settings.apiBase, env);
  return httpClient(
    settings,
    {
      base: settings.apiBase,
      secrets: [...secretForms(vendor.credentials(apiKey)), ...credential.secrets],
      headers: vendor.headers(apiKey),
    },
    runUrl,
    core,
  );
}

function httpClient(
  settings: SignInPlan,
  options: { base: URL; secrets: string[]; headers: Record<string, string> },
  runUrl: string | null,
  core: ActionsCore,
): HttpClient {
  return new HttpClient({
    ...options,
    headers: {
      accept: 'application/json',
      ...options.headers,
      'user-agent': `terminate-jobs/${VERSION} (${runUrl ?? 'outside GitHub Actions'})`,
    },
    connections: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    log: (line) => core.debug(line),
  });
}

/** Said once per run, before the first request that carries a secret. */
function warnings(core: ActionsCore, base: URL, env: NodeJS.ProcessEnv): void {
  warnOnPlainHttp(core, base);
  warnOnUnverifiedTls(core, env);
}

/**
 * Node disables certificate checks for the whole process when this variable is `0`; the key
 * then goes to whoever answers for the server's name. Say so where people look.
 */
function warnOnUnverifiedTls(core: ActionsCore, env: NodeJS.ProcessEnv): void {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    core.warning(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 is set in the environment: server certificates are not verified, and the API key is sent to whoever answers for the server name. Remove the variable, or trust a private CA with NODE_EXTRA_CA_CERTS.',
    );
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

function warnOnPlainHttp(core: ActionsCore, base: URL): void {
  if (base.protocol === 'http:' && !LOOPBACK.test(base.hostname)) {
    core.warning(
      `The server ${base.origin} is plain http: the API key travels unencrypted. Use https.`,
    );
  }
}
