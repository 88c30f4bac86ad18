import { openHttp } from './connection.js';
import { messageOf } from './failures.js';
import { secretForms } from './http/redact.js';
import { InputError, inputNames, Inputs, parseSettings, type Settings } from './inputs.js';
import { guardedLog, type ActionsCore } from './log.js';
import { countRows, failureList, summaryHtml, writeSummary } from './report.js';
import { writeOutputs } from './results.js';
import { terminateJobs } from './terminate.js';
import { oneLine } from './text.js';
import { waitForJobs } from './wait.js';
import { findVendor, VENDORS } from './vendors/registry.js';
import type { JobRow, RowFormat } from './vendors/vendor.js';

export type { ActionsCore } from './log.js';

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

/** What the run did: a row per job, and why it stopped early if it did. */
interface RunReport {
  format: RowFormat<JobRow>;
  rows: JobRow[];
  stopped: string | null;
  selection: string;
}

/**
 * Read the settings, execute (kill, wait), conclude (outputs, summary, exit code). The
 * outputs and the summary are written on every path, failures and cancellation included.
 */
export async function run(
  actionsCore: ActionsCore,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  cancel: AbortSignal,
): Promise<void> {
  const core = guardedLog(actionsCore);
  const settings = readSettings(core, env);
  if (settings === null) return;
  const runUrl =
    context.repository && context.runId
      ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
      : null;
  const report = await execute(settings, core, env, runUrl, cancel);
  await conclude(settings, report, core, env, runUrl);
}

/**
 * The validated settings; or, for bad inputs, the rows of the keys that could be read, the
 * outputs and the failed step, and null.
 */
function readSettings(core: ActionsCore, env: NodeJS.ProcessEnv): Settings | null {
  try {
    return parseSettings(readInputs(core, env), env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { vendor, keys } = error.partial;
    const format = vendor ? findVendor(vendor)?.rows(false) : undefined;
    const rows = format ? keys.map((key) => format.errorRow(key, 'not sent: invalid input')) : [];
    writeOutputs(core, env, rows);
    core.setFailed(error.message);
    return null;
  }
}

/**
 * Reads every input. The API key (input or any vendor's environment fallback: the vendor is
 * not known yet) is masked in the log before anything else can print it, in every form its
 * vendor sends it: the same list the HTTP layer redacts from answers.
 */
function readInputs(core: ActionsCore, env: NodeJS.ProcessEnv): Record<string, string> {
  const keys = [core.getInput(Inputs.ApiKey), ...VENDORS.map((v) => env[v.apiKeyEnv] ?? '')]
    .map((key) => key.trim())
    .filter(Boolean);
  const forms = keys.flatMap((key) => VENDORS.flatMap((v) => secretForms(v.credentials(key))));
  for (const form of new Set(forms)) core.setSecret(form);
  return Object.fromEntries(inputNames().map((name) => [name, core.getInput(name)]));
}

/** The kill phase, then (when asked) the wait. */
async function execute(
  settings: Settings,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
  cancel: AbortSignal,
): Promise<RunReport> {
  const http = openHttp(settings, runUrl, core, env);
  const vendor = settings.configured.client(http, {
    target: settings.target,
    wait: settings.waits,
    concurrency: settings.concurrency,
    log: core,
  });
  const report: RunReport = { format: vendor.rows, rows: [], stopped: null, selection: '' };
  let killed = false;
  try {
    Object.assign(report, await terminateJobs(vendor, settings, core, cancel));
    killed = true;
    if (settings.waits && report.stopped === null) {
      const plan = {
        timeoutMs: settings.waitTimeoutMs,
        intervalMs: settings.pollIntervalMs,
        concurrency: settings.concurrency,
      };
      report.rows = await waitForJobs(vendor, report.rows, plan, http.gate, core, cancel);
    }
  } catch (error) {
    // A bug, not an answer: still give every requested key its row and write the outputs.
    // Rows of the kill phase are kept: an accepted kill order stays `terminated`.
    const why = `Unexpected failure: ${messageOf(error)}`;
    report.stopped = why;
    if (!killed) report.rows = settings.keys.map((key) => vendor.rows.errorRow(key, why));
  } finally {
    await http.close();
    core.debug(`${http.requestCount} request(s) sent.`);
  }
  if (cancel.aborted) report.stopped ??= 'The run was cancelled.';
  return report;
}

/** Outputs, the job summary, and the step's result. */
async function conclude(
  settings: Settings,
  report: RunReport,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
): Promise<void> {
  const { format, rows, stopped, selection } = report;
  writeOutputs(core, env, rows);
  const summary = summaryHtml(format, rows, {
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
    const message = `${failed} of ${rows.length} job(s) failed: ${failureList(format, rows)}`;
    if (settings.failOnError) core.setFailed(message);
    else core.warning(message);
  }
}
