import { setTimeout as sleep } from 'node:timers/promises';
import { classify, messageOf } from './failures.js';
import type { RateLimit, RateView } from './http/rate-gate.js';
import { describeRow, type Log } from './log.js';
import { isWaitedOn } from './outcomes.js';
import { forEachLimited } from './pool.js';
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
 * allows (see PollCredits), waits out a server's Retry-After, and on cancellation returns at
 * once with what it knows. Rows still active at the end come back `timed-out`.
 */
export async function waitForJobs<Row extends JobRow>(
  vendor: JobVendor<Row>,
  rows: readonly Row[],
  plan: WaitPlan,
  budget: RateView,
  log: Log,
  cancel: AbortSignal,
): Promise<WaitReport<Row>> {
  const wait = new Wait(vendor, rows, plan, budget, log, cancel);
  if (wait.total === 0) return { rows: [...rows], stopped: null };
  log.info(`Waiting up to ${seconds(plan.timeoutMs)} s for ${wait.total} job(s) to stop.`);
  while (wait.active()) {
    await wait.round();
    if (!wait.active()) break;
    wait.progress();
    await wait.pause();
  }
  return wait.finish();
}

export interface WaitReport<Row> {
  /** The rows, each with what the wait found. */
  rows: Row[];
  /** Why the run stops (the server refused the key while it was polled), or null. */
  stopped: string | null;
}

/** Why polling ended before the deadline. */
interface Ended {
  /** In short, for the rows: "authentication failed", "rate limited until …". */
  reason: string;
  /** For the step when the server refused the run itself (it then fails whatever else). */
  refusal: string | null;
}

/** One wait: the jobs still watched, the rounds that poll them, and the rows they end with. */
class Wait<Row extends JobRow> {
  readonly total: number;
  private readonly result: Row[];
  private readonly started = Date.now();
  private readonly deadline: number;
  private readonly requestsBefore: number;
  // One deadline for the whole wait: polls still in flight when it passes are abandoned.
  private readonly stop: AbortSignal;
  private readonly credits: PollCredits;
  private watching: Watched<Row>[];
  private lastProgress = this.started;
  /** Why polling stopped before the deadline (a rate limit, a refused key), if it did. */
  private stoppedBy: Ended | null = null;

  constructor(
    private readonly vendor: JobVendor<Row>,
    rows: readonly Row[],
    private readonly plan: WaitPlan,
    private readonly budget: RateView,
    private readonly log: Log,
    private readonly cancel: AbortSignal,
  ) {
    this.result = [...rows];
    this.deadline = this.started + plan.timeoutMs;
    this.requestsBefore = budget.requestCount;
    this.stop = AbortSignal.any([cancel, AbortSignal.timeout(plan.timeoutMs)]);
    this.credits = new PollCredits(budget, plan, this.started);
    this.watching = rows.flatMap((row, index) =>
      isWaitedOn(row.outcome)
        ? [{ index, row, dueAt: this.started, lastSeen: 'not polled yet', stopped: false }]
        : [],
    );
    this.total = this.watching.length;
  }

  active(): boolean {
    return (
      this.watching.length > 0 &&
      !this.stop.aborted &&
      this.stoppedBy === null &&
      Date.now() < this.deadline
    );
  }

  /** Polls the jobs that are due, longest due first: when credits are short, none is left behind. */
  async round(): Promise<void> {
    const now = Date.now();
    const due =
      now < this.budget.pausedUntil
        ? []
        : this.watching.filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    await forEachLimited(
      due,
      this.plan.concurrency,
      (job) => this.poll(job),
      () => this.stop.aborted || this.stoppedBy !== null,
    );
    this.watching = this.watching.filter((job) => !job.stopped);
  }

  private async poll(job: Watched<Row>): Promise<void> {
    if (!this.credits.take()) return; // stays due until the next credit
    // Spaced from when a poll is sent, so the interval is the time between two polls.
    const sentAt = Date.now();
    try {
      const poll = await this.vendor.poll(job.row, this.stop);
      job.row = poll.row;
      if (poll.ended) {
        job.stopped = true;
        this.result[job.index] = poll.row;
        this.log.info(describeRow(this.vendor.rows, poll.row));
      } else {
        job.lastSeen = poll.seen;
      }
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'cancelled') return;
      if (failure.kind === 'stop') {
        this.stoppedBy ??= {
          reason: failure.reason,
          refusal: failure.refused ? failure.message : null,
        };
      }
      // Whatever else broke (no answer, an answer no check foresaw), the kill order was
      // accepted: the job stays waited on, and the failure is what was last seen.
      job.lastSeen = messageOf(error);
    } finally {
      this.credits.settle();
    }
    job.dueAt = sentAt + this.plan.intervalMs;
  }

  /** Says how far a long wait has come, every `progressEveryMs`. */
  progress(): void {
    if (Date.now() - this.lastProgress < (this.plan.progressEveryMs ?? PROGRESS_EVERY_MS)) return;
    this.lastProgress = Date.now();
    this.log.info(
      `${this.total - this.watching.length} of ${this.total} jobs ended, waiting up to ${seconds(this.deadline - Date.now())} s more`,
    );
  }

  /** Sleeps until a job is due and a credit is free, or the deadline. */
  async pause(): Promise<void> {
    const nextDue = Math.max(
      this.budget.pausedUntil,
      Math.min(...this.watching.map((job) => job.dueAt)),
      this.credits.nextAt(),
    );
    // At least a millisecond: a round that could send nothing must not spin.
    const pause = Math.max(1, Math.min(nextDue, this.deadline) - Date.now());
    await sleep(pause, undefined, { signal: this.stop }).catch(() => undefined);
  }

  /**
   * The rows, those still watched `timed-out` with why; after a refusal they keep their
   * outcome (the order was accepted) and say why the wait ended.
   */
  finish(): WaitReport<Row> {
    const refusal = this.cancel.aborted ? null : (this.stoppedBy?.refusal ?? null);
    const why = this.cancel.aborted
      ? 'cancelled while waiting'
      : this.stoppedBy !== null
        ? `not polled further: ${this.stoppedBy.reason}`
        : `still active after ${seconds(this.plan.timeoutMs)} s`;
    for (const job of this.watching) {
      const outcome = refusal === null ? 'timed-out' : job.row.outcome;
      const error = `${why} (last seen: ${job.lastSeen})`;
      this.result[job.index] = this.vendor.rows.withOutcome(job.row, outcome, error);
    }
    this.log.info(
      `${this.total - this.watching.length} of ${this.total} jobs ended in ${seconds(Date.now() - this.started)} s; the wait used ${this.budget.requestCount - this.requestsBefore} request(s).`,
    );
    return { rows: this.result, stopped: refusal };
  }
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
    return this.done + creditsBeyondReserve(this.budget.rateLimit);
  }
}

/**
 * The calls the run may still make: what the server says is left, less the reserve kept for
 * the rest of the workflow (Infinity until a server states a budget). The wait and the log
 * requests after it both stay within it.
 */
export function creditsBeyondReserve({ remaining, limit }: Readonly<RateLimit>): number {
  if (!Number.isFinite(remaining)) return Infinity;
  const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
  return Math.max(0, remaining - reserve);
}

function seconds(ms: number): number {
  return Math.max(0, Math.round(ms / 1000));
}
