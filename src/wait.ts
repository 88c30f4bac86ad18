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
 * deadline for the whole wait. Polls each job at the poll interval while the rate budget
 * allows (see PollCredits), waits out a server's Retry-After, and on cancellation returns at once with what it
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

  const credits = new PollCredits(budget, plan, started);

  while (watching.length > 0 && !stop.aborted && limited === null) {
    const now = Date.now();
    if (now >= deadline) break;
    // Longest due first: when credits are short, no job is left behind by the others.
    const due =
      now < budget.pausedUntil
        ? []
        : watching.filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    await forEachLimited(
      due,
      plan.concurrency,
      async (job) => {
        if (!credits.take()) return; // stays due until the next credit
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
        } finally {
          credits.settle();
        }
        job.dueAt = sentAt + plan.intervalMs;
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
    const nextDue = Math.max(
      budget.pausedUntil,
      Math.min(...watching.map((job) => job.dueAt)),
      credits.nextAt(),
    );
    // At least a millisecond: a round that could send nothing must not spin.
    const pause = Math.max(1, Math.min(nextDue, deadline) - Date.now());
    await sleep(pause, undefined, { signal: stop }).catch(() => undefined);
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
 * The rate budget of the wait: the credits it may spend are those left beyond the reserve.
 * It spends them front-loaded: by any moment it may have sent the share of them that the
 * square root of the share of the deadline gone by gives (a quarter of the time, half the
 * credits). Most stops are quick, so polls run at the poll interval early, when they find
 * them; the credits left then last to the deadline, and the late polls are never spaced more
 * than twice as far apart as an even spread of the whole budget would space them. The
 * allowance is recomputed from the server's count after every answer, so credits that other
 * clients of the key spend count too; polls in flight count as spent.
 */
export class PollCredits {
  private done = 0;
  private inFlight = 0;

  constructor(
    private readonly budget: Pick<RateView, 'rateLimit'>,
    private readonly plan: Pick<WaitPlan, 'timeoutMs' | 'intervalMs'>,
    private readonly started: number,
  ) {}

  /** Takes a credit for one poll, or says there is none to take now. */
  take(now = Date.now()): boolean {
    if (this.done + this.inFlight + 1 > this.allowance(now)) return false;
    this.inFlight++;
    return true;
  }

  /** The poll's answer (or failure) is in. */
  settle(): void {
    this.inFlight--;
    this.done++;
  }

  /** When the next credit may be taken: now, a later moment, or never (Infinity). */
  nextAt(now = Date.now()): number {
    const total = this.total();
    const wanted = this.done + this.inFlight + 1;
    if (wanted <= this.allowance(now)) return now;
    if (wanted > total) return Infinity;
    // The first whole millisecond after the exact moment, so that take() then succeeds.
    return (
      Math.floor(
        this.started + this.plan.timeoutMs * (wanted / total) ** 2 - this.plan.intervalMs,
      ) + 1
    );
  }

  /** How many polls the wait may have sent by `now`. */
  private allowance(now: number): number {
    const total = this.total();
    if (!Number.isFinite(total)) return Infinity;
    const gone = (now - this.started + this.plan.intervalMs) / this.plan.timeoutMs;
    return total * Math.sqrt(Math.min(1, Math.max(0, gone)));
  }

  /** Credits for the whole wait: those spent so far and those left beyond the reserve. */
  private total(): number {
    const { remaining, limit } = this.budget.rateLimit;
    if (!Number.isFinite(remaining)) return Infinity;
    const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
    return this.done + Math.max(0, remaining - reserve);
  }
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
