import { HttpClient } from './http.js';
import {
  API_KEY_ENV,
  InputError,
  Inputs,
  parseSettings,
  type RawInputs,
  type Settings,
  type VendorName,
} from './inputs.js';
import { countRows, Outputs, summaryHtml } from './report.js';
import { terminateJobs } from './terminate.js';
import { VERSION } from './version.js';
import { waitForJobs } from './wait.js';
import { ConnectJobs, connectHeaders, connectRows } from './vendors/connect.js';
import type { JobRow, JobVendor, RowFormat } from './vendors/vendor.js';
import { XplentyJobs, xplentyHeaders, xplentyRows } from './vendors/xplenty.js';

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

/**
 * inputs -> vendor -> terminate -> (wait) -> report. The outputs and the summary are written
 * on every path, failures and cancellation included.
 */
export async function run(
  core: ActionsCore,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  cancel: AbortSignal,
): Promise<void> {
  const raw = readInputs(core, env);
  let settings: Settings;
  try {
    settings = parseSettings(raw, env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { vendor, keys } = error.partial;
    const rows = vendor
      ? keys.map((key) => rowFormat(vendor, false).errorRow(key, 'not sent: invalid input'))
      : [];
    writeOutputs(core, rows);
    core.setFailed(error.message);
    return;
  }

  const runUrl =
    context.repository && context.runId
      ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
      : null;
  warnOnPlainHttp(core, settings.apiBase);
  const http = new HttpClient({
    base: settings.apiBase,
    headers: {
      ...(settings.vendor === 'posit-connect'
        ? connectHeaders(settings.apiKey)
        : xplentyHeaders(settings.apiKey)),
      'user-agent': `terminate-jobs/${VERSION} (${runUrl ?? 'outside GitHub Actions'})`,
    },
    connections: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    log: (line) => core.debug(line),
  });
  const vendor: JobVendor<JobRow> =
    settings.vendor === 'posit-connect'
      ? new ConnectJobs(http, { guid: settings.target, wait: settings.wait && !settings.dryRun })
      : new XplentyJobs(http, { packageId: settings.packageId, concurrency: settings.concurrency });

  let rows: JobRow[];
  let stopped: string | null;
  try {
    ({ rows, stopped } = await terminateJobs(vendor, settings, core, cancel));
    if (settings.wait && !settings.dryRun && stopped === null) {
      rows = await waitForJobs(
        vendor,
        rows,
        {
          timeoutMs: settings.waitTimeoutMs,
          intervalMs: settings.pollIntervalMs,
          concurrency: settings.concurrency,
        },
        http,
        core,
        cancel,
      );
    }
  } catch (error) {
    // A bug, not an answer: still give every requested key its row and write the outputs.
    stopped = `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    rows = settings.keys.map((key) => vendor.rows.errorRow(key, stopped as string));
  } finally {
    await http.close();
    core.debug(`${http.requestCount} request(s) sent.`);
  }
  if (cancel.aborted) stopped ??= 'The run was cancelled.';

  writeOutputs(core, rows);
  const summary = summaryHtml(vendor.rows, rows, {
    target: settings.target,
    dryRun: settings.dryRun,
    runUrl,
    stopped,
  });
  await writeSummary(core, env, summary);

  const { failed } = countRows(rows);
  if (stopped !== null) {
    core.setFailed(stopped);
  } else if (failed > 0) {
    const message = `${failed} of ${rows.length} job(s) failed: ${failureList(vendor.rows, rows)}`;
    if (settings.failOnError) core.setFailed(message);
    else core.warning(message);
  }
}

/**
 * Reads every input; the API key (input or its environment fallback) is masked in the log
 * before anything else can print it, with the encodings it travels in.
 */
function readInputs(core: ActionsCore, env: NodeJS.ProcessEnv): RawInputs {
  const secrets = [
    core.getInput(Inputs.ApiKey),
    ...Object.values(API_KEY_ENV).map((name) => env[name] ?? ''),
  ];
  for (const secret of secrets.map((s) => s.trim()).filter(Boolean)) {
    core.setSecret(secret);
    core.setSecret(Buffer.from(`${secret}:`).toString('base64'));
    core.setSecret(Buffer.from(secret).toString('base64'));
  }
  return Object.fromEntries(Object.values(Inputs).map((name) => [name, core.getInput(name)]));
}

function rowFormat(vendor: VendorName, wait: boolean): RowFormat<JobRow> {
  return vendor === 'posit-connect' ? connectRows(wait) : xplentyRows;
}

function writeOutputs(core: ActionsCore, rows: readonly JobRow[]): void {
  const { terminated, failed } = countRows(rows);
  core.setOutput(Outputs.Results, JSON.stringify(rows));
  core.setOutput(Outputs.Terminated, terminated);
  core.setOutput(Outputs.Failed, failed);
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
  const failures = rows.filter((row) => countRows([row]).failed > 0);
  const shown = failures
    .slice(0, 5)
    .map((row) => `${format.keyOf(row)} ${row.outcome}${row.error ? ` (${row.error})` : ''}`);
  return shown.join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

function warnOnPlainHttp(core: ActionsCore, base: URL): void {
  if (base.protocol === 'http:' && !LOOPBACK.test(base.hostname)) {
    core.warning(
      `The server ${base.origin} is plain http: the API key travels unencrypted. Use https.`,
    );
  }
}
