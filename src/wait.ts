import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimited, RequestAborted } from './http/answer.js';
import type { RateView } from './http/rate-gate.js';
import { isWaitedOn } from './outcomes.js';
import { forEachLimited } from './pool.js';
import { describeRow, type Log } from './terminate.js';
import type { JobRow, JobVendor } from './vendors/vendor.js';

export interface WaitPlan {
  /** Whole-wait deadline, counted from the call. */
  timeoutMs: number;
  /** The shortest time between two polls of one job. */
  intervalMs: number;
  concurrency: number;
  /** How often a long wait says how far it has come (default 10 s). */
  progressEveryMs?: number;
}

interface Watched<Row> {
  index: number;
  row: Row;
  dueAt: number;
  lastSeen: string;
  stopped: boolean;
}

// Calls kept back from the rate budget for the rest of the workflow.
const RESERVE_SHARE = 0.2;
const PROGRESS_EVERY_MS = 10_000;

/**
 * Polls every row whose kill order was accepted until the job is no longer active, under one
 * deadline for the whole wait. Spaces its polls so the wait's calls fit the remaining rate
 * budget, waits out a server's Retry-After, and on cancellation returns at once with what it
 * knows. Rows still active at the end come back `timed-out`.
 */
export async function waitForJobs<Row extends JobRow>(
  vendor: JobVendor<Row>,
  rows: readonly Row[],
  plan: WaitPlan,
  budget: RateView,
  log: Log,
  cancel: AbortSignal,
): Promise<Row[]> {
  const result = [...rows];
  const started = Date.now();
  const deadline = started + plan.timeoutMs;
  const requestsBefore = budget.requestCount;
  // One deadline for the whole wait: polls still in flight when it passes are abandoned.
  const stop = AbortSignal.any([cancel, AbortSignal.timeout(plan.timeoutMs)]);
  let watching: Watched<Row>[] = rows.flatMap((row, index) =>
    isWaitedOn(row.outcome)
      ? [{ index, row, dueAt: started, lastSeen: 'not polled yet', stopped: false }]
      : [],
  );
  const total = watching.length;
  if (total === 0) return result;
  log.info(`Waiting up to ${seconds(plan.timeoutMs)} s for ${total} job(s) to stop.`);
  let lastProgress = started;
  let limited: RateLimited | null = null;

  while (watching.length > 0 && !stop.aborted && limited === null) {
    const now = Date.now();
    if (now >= deadline) break;
    const due = now < budget.pausedUntil ? [] : watching.filter((job) => job.dueAt <= now);
    await forEachLimited(
      due,
      plan.concurrency,
      async (job) => {
        // Spaced from when a poll is sent, so the interval is the time between two polls.
        const sentAt = Date.now();
        try {
          const poll = await vendor.poll(job.row, stop);
          job.row = poll.row;
          if (poll.ended) {
            job.stopped = true;
            result[job.index] = poll.row;
            log.info(describeRow(vendor.rows, poll.row));
          } else {
            job.lastSeen = poll.seen;
          }
        } catch (error) {
          if (error instanceof RequestAborted) return;
          if (error instanceof RateLimited) limited ??= error;
          // Whatever else broke (no answer, an answer no check foresaw), the kill order was
          // accepted: the job stays waited on, and the failure is what was last seen.
          job.lastSeen = error instanceof Error ? error.message : String(error);
        }
        job.dueAt = sentAt + spacing(plan, budget, watching.length, deadline);
      },
      () => stop.aborted || limited !== null,
    );
    watching = watching.filter((job) => !job.stopped);
    if (limited !== null) break;

    if (
      Date.now() - lastProgress >= (plan.progressEveryMs ?? PROGRESS_EVERY_MS) &&
      watching.length > 0
    ) {
      lastProgress = Date.now();
      log.info(
        `${total - watching.length} of ${total} jobs ended, waiting up to ${seconds(deadline - Date.now())} s more`,
      );
    }
    if (watching.length === 0) break;
    const nextDue = Math.max(budget.pausedUntil, Math.min(...watching.map((job) => job.dueAt)));
    const pause = Math.min(nextDue, deadline) - Date.now();
    if (pause > 0) {
      await sleep(pause, undefined, { signal: stop }).catch(() => undefined);
    }
  }

  const why = cancel.aborted
    ? 'cancelled while waiting'
    : limited !== null
      ? `not polled further: ${(limited as RateLimited).reason}`
      : `still active after ${seconds(plan.timeoutMs)} s`;
  for (const job of watching) {
    result[job.index] = vendor.rows.withOutcome(
      job.row,
      'timed-out',
      `${why} (last seen: ${job.lastSeen})`,
    );
  }
  log.info(
    `${total - watching.length} of ${total} jobs ended in ${seconds(Date.now() - started)} s; the wait used ${budget.requestCount - requestsBefore} request(s).`,
  );
  return result;
}

/**
 * Time until a job's next poll: the poll interval, stretched when polling every job that is
 * still waited on until the deadline would spend more than the remaining rate budget allows.
 */
export function spacing(
  plan: Pick<WaitPlan, 'intervalMs'>,
  budget: Pick<RateView, 'rateLimit'>,
  waiting: number,
  deadline: number,
  now = Date.now(),
): number {
  const { remaining, limit } = budget.rateLimit;
  if (!Number.isFinite(remaining)) return plan.intervalMs;
  const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
  const spendable = Math.max(1, remaining - reserve);
  const left = Math.max(0, deadline - now);
  return Math.max(plan.intervalMs, Math.ceil((waiting * left) / spendable));
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
