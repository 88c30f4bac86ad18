import type { RateView } from '../http/rate-gate.js';
import { inGroup, type Log } from '../shared/log.js';
import { forEachLimited } from '../shared/pool.js';
import { describeRow, outcomeCounts, type JobRow } from '../shared/rows.js';
import { Stop } from '../shared/stop.js';
import type { ClusterPhase } from '../vendors/vendor.js';
import { CANCELLED, failedRow, stoppedBeforeAnyOrder } from './terminate.js';
import { waitForJobs, type WaitPlan } from './wait.js';

export interface ClusterPlan {
  dryRun: boolean;
  concurrency: number;
  /** With `wait`: the plan of the jobs' wait; the clusters' wait gets what is left of it. */
  wait: WaitPlan | null;
  /** When the jobs' wait began (its deadline is the clusters' too). */
  waitStarted: number;
}

export interface ClusterReport {
  rows: JobRow[];
  stop: Stop;
}

/**
 * The clusters phase after the kill (and, for `emptied`, after the jobs' wait): chooses the
 * clusters, reads each and terminates it when free, at most `concurrency` at once; with a
 * wait, follows the accepted ones until `terminated` within the same deadline as the jobs.
 */
export async function releaseClusters(
  phase: ClusterPhase,
  jobs: readonly JobRow[],
  plan: ClusterPlan,
  budget: RateView,
  log: Log,
  cancel: AbortSignal,
): Promise<ClusterReport> {
  const name = plan.dryRun ? 'Dry run: look at the clusters' : 'Terminate clusters';
  const report = await inGroup(log, name, () => settleAll(phase, jobs, plan, log, cancel));
  log.info(
    `Clusters: ${report.rows.length === 0 ? 'none to terminate' : outcomeCounts(report.rows)}${plan.dryRun ? '; nothing was sent' : ''}.`,
  );
  if (plan.wait === null || report.stop.stopped || cancel.aborted) return report;
  const left = Math.max(0, plan.wait.timeoutMs - (Date.now() - plan.waitStarted));
  const wait = { ...plan.wait, timeoutMs: left, waitsOn: 'cluster' as const };
  const waited = await waitForJobs(phase, report.rows, wait, budget, log, cancel);
  report.stop.adopt(waited.stop);
  return { rows: waited.rows, stop: report.stop };
}

async function settleAll(
  phase: ClusterPhase,
  jobs: readonly JobRow[],
  plan: ClusterPlan,
  log: Log,
  cancel: AbortSignal,
): Promise<ClusterReport> {
  let keys: string[];
  try {
    keys = await phase.choose(jobs, plan.dryRun, cancel);
  } catch (error) {
    // A listing that failed, a refused key: no cluster is touched.
    return { rows: [], stop: stoppedBeforeAnyOrder(phase.rows, [], error).stop };
  }
  const stop = new Stop();
  const rows: (JobRow | undefined)[] = new Array(keys.length);
  await forEachLimited(
    keys,
    plan.concurrency,
    async (key, index) => {
      try {
        rows[index] = await phase.settle(key, plan.dryRun, cancel);
      } catch (error) {
        rows[index] = failedRow(phase.rows, key, error, plan.dryRun, stop);
      }
      log.info(describeRow(phase.rows, rows[index] as JobRow));
    },
    () => stop.stopped || cancel.aborted,
  );
  const unsent = stop.reason ?? (cancel.aborted ? CANCELLED : '');
  return { rows: keys.map((key, i) => rows[i] ?? phase.rows.errorRow(key, unsent)), stop };
}
