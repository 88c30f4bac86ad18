import { HttpClient } from './http/client.js';
import { secretForms } from './http/redact.js';
import type { Settings } from './inputs.js';
import type { ActionsCore } from './log.js';
import { VERSION } from './version.js';

/**
 * The run's one HTTP client for the vendor's API: its key in every form redacted from what
 * comes back, the workflow run named in the User-Agent, and a warning where the key would
 * travel unprotected.
 */
export function openHttp(
  settings: Settings,
  runUrl: string | null,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
): HttpClient {
  warnOnPlainHttp(core, settings.apiBase);
  warnOnUnverifiedTls(core, env);
  const { vendor } = settings;
  return new HttpClient({
    base: settings.apiBase,
    secrets: secretForms(vendor.credentials(settings.apiKey)),
    headers: {
      ...vendor.headers(settings.apiKey),
      'user-agent': `terminate-jobs/${VERSION} (${runUrl ?? 'outside GitHub Actions'})`,
    },
    connections: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    log: (line) => core.debug(line),
  });
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
