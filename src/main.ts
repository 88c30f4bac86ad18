import { releaseClusters } from './execute/clusters.js';
import { fetchLogs } from './execute/job-logs.js';
import { openHttp, signIn, type Credential } from './execute/sign-in.js';
import { stoppedBeforeAnyOrder, terminateJobs } from './execute/terminate.js';
import { waitForJobs } from './execute/wait.js';
import { gitHubReader } from './github/comments.js';
import type { HttpClient } from './http/client.js';
import { secretForms } from './http/redact.js';
import { writeOutputs } from './report/outputs.js';
import { inputErrorHtml, summaryHtml, writeSummary } from './report/summary.js';
import { inputNames, Inputs, misnamedInputs } from './settings/inputs.js';
import { InputError, parseSettings, type Settings } from './settings/settings.js';
import { messageOf } from './shared/failures.js';
import { guardedLog, type ActionsCore } from './shared/log.js';
import { failureMessage, type JobRow, type LogNote } from './shared/rows.js';
import { Stop } from './shared/stop.js';
import { oneLine } from './shared/text.js';
import { findVendor, VENDORS } from './vendors/registry.js';
import type { JobVendor } from './vendors/vendor.js';

export type { ActionsCore } from './shared/log.js';

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
  vendor: JobVendor<JobRow>;
  rows: JobRow[];
  stop: Stop;
  selection: string;
  /** Logs wanted but not read. */
  logNotes: LogNote[];
  /** The sign-in succeeded (a given key counts as signed in until a server refuses it). */
  signedIn: boolean;
  /** A row per cluster considered, where the inputs ask for clusters; null: not asked. */
  clusters: JobRow[] | null;
}

/**
 * Read the settings, execute (sign in, kill, wait, logs), conclude (outputs, summary, exit
 * code). The outputs and the summary are written on every path, failures and cancellation
 * included.
 */
export async function run(
  actionsCore: ActionsCore,
  context: RunContext,
  env: NodeJS.ProcessEnv,
  cancel: AbortSignal,
): Promise<void> {
  const core = guardedLog(actionsCore);
  const settings = await readSettings(core, env);
  if (settings === null) return;
  for (const note of settings.notes) core.info(note);
  const runUrl =
    context.repository && context.runId
      ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
      : null;
  const report = await execute(settings, core, env, runUrl, cancel);
  await conclude(settings, report, core, env, runUrl);
}

/**
 * The validated settings; or, for bad inputs, the rows of the keys that could be read, the
 * outputs, a summary of what was wrong, the failed step, and null.
 */
async function readSettings(core: ActionsCore, env: NodeJS.ProcessEnv): Promise<Settings | null> {
  try {
    return parseSettings(readInputs(core, env), env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const { vendor, keys } = error.partial;
    const format = vendor ? findVendor(vendor)?.rows(false) : undefined;
    const rows = format ? keys.map((key) => format.errorRow(key, 'not sent: invalid input')) : [];
    const outputError = writeOutputs(core, env, rows);
    await writeSummary(core, env, inputErrorHtml(error.problems, error.inputs));
    core.setFailed(outputError ? `${error.message}\n${outputError}` : error.message);
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
  const token = core.getInput(Inputs.GitHubToken).trim();
  if (token !== '' && !token.includes('${{')) forms.push(...secretForms([token]));
  for (const form of new Set(forms)) core.setSecret(form);
  const misnamed = misnamedInputs(env);
  if (misnamed !== null) core.warning(misnamed);
  return Object.fromEntries(inputNames().map((name) => [name, core.getInput(name)]));
}

/** The sign-in, then the kill phase, then (when asked) the wait, then the logs. */
async function execute(
  settings: Settings,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
  cancel: AbortSignal,
): Promise<RunReport> {
  const { http, vendor, signInError } = await openVendor(settings, core, env, runUrl, cancel);
  const report: RunReport = {
    vendor,
    rows: [],
    stop: new Stop(),
    selection: '',
    logNotes: [],
    signedIn: signInError === undefined,
    clusters: vendor.clusters === undefined ? null : [],
  };
  let killed = false;
  try {
    if (signInError !== undefined) {
      Object.assign(report, stoppedBeforeAnyOrder(vendor.rows, settings.keys, signInError));
    } else {
      Object.assign(report, await terminateJobs(vendor, settings, core, cancel));
      killed = true;
      if (!report.stop.stopped) await afterKill(settings, vendor, http, report, core, cancel);
    }
  } catch (error) {
    // A bug, not an answer: still give every requested key its row and write the outputs.
    // Rows of the kill phase are kept: an accepted kill order stays `terminated`.
    const why = `Unexpected failure: ${messageOf(error)}`;
    report.stop = new Stop();
    report.stop.record(why, { message: why, headline: 'an unexpected failure' });
    if (!killed) report.rows = settings.keys.map((key) => vendor.rows.errorRow(key, why));
  } finally {
    await http.close();
    core.debug(`${http.requestCount} request(s) sent.`);
  }
  if (cancel.aborted) report.stop.cancelled('cancelled');
  return report;
}

// Before a sign-in: a client that is never used to send (the run stops first), for the rows.
const NO_KEY: Credential = { apiKey: '', secrets: [] };

/**
 * The run's key (given, or from the vendor's sign-in without one), and the client and vendor
 * made with it; when the sign-in failed, why, and a client that sends nothing.
 */
async function openVendor(
  settings: Settings,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
  cancel: AbortSignal,
) {
  let credential = NO_KEY;
  let signInError: unknown;
  try {
    credential = await signIn(settings, core, env, runUrl, cancel);
  } catch (error) {
    signInError = error;
  }
  const http = openHttp(settings, credential, runUrl, core, env);
  const vendor = settings.configured.client(http, {
    wait: settings.waits,
    concurrency: settings.concurrency,
    log: core,
    github: gitHubReader({
      env,
      token: settings.githubToken,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      signal: cancel,
      secrets: [credential.apiKey, ...credential.secrets].filter(Boolean),
      log: core,
    }),
    ...(credential.keyAdvice === undefined ? {} : { keyAdvice: credential.keyAdvice }),
  });
  return { http, vendor, signInError };
}

/**
 * The wait (when asked, or when emptied clusters need the jobs stopped), the clusters, then
 * the last log lines of the jobs that want them (unless dry).
 */
async function afterKill(
  settings: Settings,
  vendor: JobVendor<JobRow>,
  http: HttpClient,
  report: RunReport,
  core: ActionsCore,
  cancel: AbortSignal,
): Promise<void> {
  const killed = report.rows;
  const clusters = vendor.clusters;
  const waitPlan = {
    timeoutMs: settings.waitTimeoutMs,
    intervalMs: settings.pollIntervalMs,
    concurrency: settings.concurrency,
  };
  const waitStarted = Date.now();
  if (settings.waits || (clusters?.afterJobsStopped && !settings.dryRun)) {
    const waited = await waitForJobs(vendor, report.rows, waitPlan, http.gate, core, cancel);
    report.rows = waited.rows;
    report.stop.adopt(waited.stop);
  }
  if (clusters !== undefined && !report.stop.stopped && !cancel.aborted) {
    const { dryRun, concurrency } = settings;
    const plan = { dryRun, concurrency, wait: settings.waits ? waitPlan : null, waitStarted };
    const released = await releaseClusters(clusters, report.rows, plan, http.gate, core, cancel);
    report.clusters = released.rows;
    report.stop.adopt(released.stop);
  }
  if (settings.dryRun || cancel.aborted) return;
  const plan = {
    lines: settings.logLines,
    everyStopped: settings.watchdog,
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
  };
  const logs = await fetchLogs(vendor, report.rows, killed, plan, http.gate, core, cancel);
  report.rows = logs.rows;
  report.logNotes = logs.notes;
}

/** Outputs, the job summary, and the step's result. */
async function conclude(
  settings: Settings,
  report: RunReport,
  core: ActionsCore,
  env: NodeJS.ProcessEnv,
  runUrl: string | null,
): Promise<void> {
  const { vendor, rows } = report;
  const stopped = report.stop.message;
  const format = vendor.rows;
  const outputError = writeOutputs(core, env, rows, report.clusters);
  const now = Date.now();
  const clusters = vendor.clusters;
  const clusterSheet =
    clusters && report.clusters ? { format: clusters.rows, rows: report.clusters } : null;
  const summary = summaryHtml(
    format,
    rows,
    {
      target: settings.target.text,
      targetPage: vendor.targetPage,
      host: settings.apiBase.host,
      selection: report.selection,
      notices: vendor.notices().map((notice) => notice.text),
      dryRun: settings.dryRun,
      signedIn: `${report.signedIn ? 'Signed in' : 'Could not sign in'} with ${settings.signIn}.`,
      runUrl,
      stopped,
      stoppedBecause: report.stop.headline,
      facts: (row) => vendor.facts(row, now),
      logNotes: report.logNotes,
    },
    clusterSheet,
  );
  await writeSummary(core, env, summary);

  const failures = [
    failureMessage(format, rows, 'job'),
    clusterSheet && failureMessage(clusterSheet.format, clusterSheet.rows, 'cluster'),
  ];
  const message = failures.filter(Boolean).join('\n');
  if (stopped !== null) core.setFailed(oneLine(stopped));
  else if (message !== '' && settings.failOnError) core.setFailed(message);
  else if (message !== '') core.warning(message);
  if (outputError !== null) core.setFailed(outputError);
}
