import { HttpClient } from './http/client.js';
import { secretForms } from './http/redact.js';
import {
  InputError,
  inputNames,
  Inputs,
  parseSettings,
  type RawInputs,
  type Settings,
} from './inputs.js';
import { isAccepted, isFailure } from './outcomes.js';
import { countRows, Outputs, summaryHtml } from './report.js';
import { RESULTS_BUDGET_BYTES, writeResults } from './results.js';
import { terminateJobs } from './terminate.js';
import { logSafe, oneLine } from './text.js';
import { VERSION } from './version.js';
import { waitForJobs } from './wait.js';
import { findVendor, VENDORS } from './vendors/registry.js';
import type { JobRow, JobVendor, RowFormat } from './vendors/vendor.js';

/** The part of @actions/core the action uses; tests hand in their own. */
export interface ActionsCore {
  getInput(name: string): string;
  setSecret(secret: string): void;
  setOutput(name: string, value: unknown): void;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  summary: { addRaw(text: string): { write(): Promise<unknown> } };
}

/** Where the workflow run is, for the User-Agent and the summary's link. */
export interface RunContext {
  serverUrl: string;
  repository: string | null;
  runId: number | null;
}

/** The run's place, from the variables the runner sets (documented in GitHub's "Variables"). */
export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const runId = Number(env.GITHUB_RUN_ID);
  return {
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY || null,
    runId: Number.isSafeInteger(runId) && runId > 0 ? runId : null,
  };
}

/**
 * inputs -> vendor -> terminate -> (wait) -> report. The outputs and the summary are written
 * on every path, failures and cancellation included.
 */
export async function run(
  actionsCore: ActionsCore,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  cancel: AbortSignal,
): Promise<void> {
  const core = guardedLog(actionsCore);
  const raw = readInputs(core, env);
  let settings: Settings;
  try {
    settings = parseSettings(raw, env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { vendor, keys } = error.partial;
    const format = vendor ? findVendor(vendor)?.rows(false) : undefined;
    const rows = format ? keys.map((key) => format.errorRow(key, 'not sent: invalid input')) : [];
    writeOutputs(core, env, rows);
    core.setFailed(error.message);
    return;
  }

  const runUrl =
    context.repository && context.runId
      ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
      : null;
  warnOnPlainHttp(core, settings.apiBase);
  warnOnUnverifiedTls(core, env);
  const module = settings.vendorModule;
  const http = new HttpClient({
    base: settings.apiBase,
    secrets: secretForms(module.credentials(settings.apiKey)),
    headers: {
      ...module.headers(settings.apiKey),
      'user-agent': `terminate-jobs/${VERSION} (${runUrl ?? 'outside GitHub Actions'})`,
    },
    connections: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    log: (line) => core.debug(line),
  });
  const vendor: JobVendor<JobRow> = module.client(http, {
    target: settings.target,
    options: settings.options,
    wait: settings.wait && !settings.dryRun,
    concurrency: settings.concurrency,
  });

  let rows: JobRow[] | null = null;
  let stopped: string | null;
  let selection = '';
  try {
    ({ rows, stopped, selection } = await terminateJobs(vendor, settings, core, cancel));
    if (settings.wait && !settings.dryRun && stopped === null) {
      rows = await waitForJobs(
        vendor,
        rows,
        {
          timeoutMs: settings.waitTimeoutMs,
          intervalMs: settings.pollIntervalMs,
          concurrency: settings.concurrency,
        },
        http.gate,
        core,
        cancel,
      );
    }
  } catch (error) {
    // A bug, not an answer: still give every requested key its row and write the outputs.
    // Rows of the kill phase are kept: an accepted kill order stays `terminated`.
    const why = `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    stopped = why;
    rows ??= settings.keys.map((key) => vendor.rows.errorRow(key, why));
  } finally {
    await http.close();
    core.debug(`${http.requestCount} request(s) sent.`);
  }
  if (cancel.aborted) stopped ??= 'The run was cancelled.';

  writeOutputs(core, env, rows);
  const summary = summaryHtml(vendor.rows, rows, {
    target: settings.target,
    selection,
    dryRun: settings.dryRun,
    runUrl,
    stopped,
  });
  await writeSummary(core, env, summary);

  const { failed } = countRows(rows);
  if (stopped !== null) {
    core.setFailed(oneLine(stopped));
  } else if (failed > 0) {
    const message = `${failed} of ${rows.length} job(s) failed: ${failureList(vendor.rows, rows)}`;
    if (settings.failOnError) core.setFailed(message);
    else core.warning(message);
  }
}

/**
 * Reads every input. The API key (input or any vendor's environment fallback: the vendor is
 * not known yet) is masked in the log before anything else can print it, in every form its
 * vendor sends it: the same list the HTTP layer redacts from answers.
 */
function readInputs(core: ActionsCore, env: NodeJS.ProcessEnv): RawInputs {
  const keys = [core.getInput(Inputs.ApiKey), ...VENDORS.map((v) => env[v.apiKeyEnv] ?? '')]
    .map((key) => key.trim())
    .filter(Boolean);
  const forms = keys.flatMap((key) => VENDORS.flatMap((v) => secretForms(v.credentials(key))));
  for (const form of new Set(forms)) core.setSecret(form);
  return Object.fromEntries(inputNames().map((name) => [name, core.getInput(name)]));
}

/**
 * Every row goes to the file `results-file` names; `results` holds them while they fit its
 * budget, failures first (a later step acts on those), then accepted kill orders.
 */
function writeOutputs(core: ActionsCore, env: NodeJS.ProcessEnv, rows: readonly JobRow[]): void {
  const { terminated, failed } = countRows(rows);
  const priority = (row: JobRow): number =>
    isFailure(row.outcome) ? 0 : isAccepted(row.outcome) ? 1 : 2;
  const written = writeResults(rows, env.RUNNER_TEMP, priority);
  core.setOutput(Outputs.Results, written.results);
  core.setOutput(Outputs.ResultsFile, written.file);
  core.setOutput(Outputs.Terminated, terminated);
  core.setOutput(Outputs.Failed, failed);
  if (written.fileError !== null) {
    core.warning(`Could not write the results file: ${written.fileError}`);
  }
  if (written.omitted > 0) {
    core.warning(
      `${written.omitted} of ${rows.length} rows are only in the file of output results-file (${written.file || 'not written'}): \`results\` holds what fits in ${RESULTS_BUDGET_BYTES.toLocaleString('en')} bytes, failures first.`,
    );
  }
}

/** The job summary is a courtesy: outside a runner (no summary file) or on a full disk, skip it. */
async function writeSummary(
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  html: string,
): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(html).write();
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function failureList(format: RowFormat<JobRow>, rows: readonly JobRow[]): string {
  const failures = rows.filter((row) => isFailure(row.outcome));
  const shown = failures
    .slice(0, 5)
    .map(
      (row) =>
        `${format.keyOf(row)} ${row.outcome}${row.error ? ` (${oneLine(row.error, 200)})` : ''}`,
    );
  return shown.join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
}

/**
 * The log and annotations are read by the runner as commands: whatever a message holds
 * (server text included), it passes through text.ts on its way there.
 */
function guardedLog(core: ActionsCore): ActionsCore {
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (secret) => core.setSecret(secret),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(logSafe(message)),
    info: (message) => core.info(logSafe(message)),
    warning: (message) => core.warning(logSafe(message)),
    debug: (message) => core.debug(logSafe(message)),
    summary: core.summary,
  };
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
