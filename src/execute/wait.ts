import { setTimeout as sleep } from 'node:timers/promises';
import type { RateView } from '../http/rate-gate.js';
import { deadline } from '../shared/deadline.js';
import { classify, messageOf } from '../shared/failures.js';
import { inGroup, type Log } from '../shared/log.js';
import { forEachLimited } from '../shared/pool.js';
import { describeRow, isWaitedOn, type JobRow } from '../shared/rows.js';
import { Stop } from '../shared/stop.js';
import { durationText } from '../shared/text.js';
import type { PollResult, Waited } from '../vendors/vendor.js';
import { PollCredits, type WaitPace } from './poll-credits.js';
import {
  seconds,
  splitRound,
  WORDS,
  type ListRound,
  type WaitReport,
  type Watched,
} from './wait-rounds.js';

export type { WaitReport } from './wait-rounds.js';

export interface WaitPlan extends WaitPace {
  concurrency: number;
  /** What is waited on, for the log (default jobs; clusters end when terminated). */
  waitsOn?: 'job' | 'cluster';
  /** How often a long wait says how far it has come (default 10 s). */
  progressEveryMs?: number;
}

const PROGRESS_EVERY_MS = 10_000;
/** A wait this long may spend many credits: its budget is read afresh first, where that is free. */
export const LONG_WAIT_MS = 60_000;

/**
 * Polls every row whose kill order was accepted until the job is no longer active, under one
 * deadline for the whole wait. Polls each job at the poll interval while the rate budget
 * allows (see PollCredits), waits out a server's Retry-After, and on cancellation returns at
 * once with what it knows. Rows still active at the end come back `timed-out`.
 *
 * Each round reads the jobs that are due either one by one or, where the vendor has lists
 * that show them, by list, whichever costs fewer requests (see Wait.split).
 */
export async function waitForJobs<Row extends JobRow>(
  vendor: Waited<Row>,
  rows: readonly Row[],
  plan: WaitPlan,
  budget: RateView,
  log: Log,
  cancel: AbortSignal,
): Promise<WaitReport<Row>> {
  const wait = new Wait(vendor, rows, plan, budget, log, cancel);
  if (wait.total === 0) return { rows: [...rows], stop: new Stop() };
  const what = `${wait.total} ${wait.words.many} to ${wait.words.stop}`;
  const name = `Wait up to ${durationText(plan.timeoutMs)} for ${what}`;
  const report = await inGroup(log, name, async () => {
    if (plan.timeoutMs >= LONG_WAIT_MS) await wait.readRateBudget();
    log.info(`Waiting up to ${seconds(plan.timeoutMs)} s for ${what}.`);
    while (wait.active()) {
      await wait.round();
      if (!wait.active()) break;
      wait.progress();
      await wait.pause();
    }
    log.status?.('');
    return wait.finish();
  });
  log.info(wait.said());
  return report;
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
  private endedAt = this.started;
  /** Why polling stopped before the deadline (a rate limit, a refused key), if it did. */
  private readonly ended = new Stop();
  /** The fewest credits that a request the last round could not send needed (none: Infinity). */
  private creditsWanted = Infinity;
  readonly words: (typeof WORDS)[keyof typeof WORDS];

  constructor(
    private readonly vendor: Waited<Row>,
    rows: readonly Row[],
    private readonly plan: WaitPlan,
    private readonly budget: RateView,
    private readonly log: Log,
    private readonly cancel: AbortSignal,
  ) {
    this.words = WORDS[plan.waitsOn ?? 'job'];
    this.result = [...rows];
    this.deadline = this.started + plan.timeoutMs;
    this.requestsBefore = budget.requestCount;
    this.stop = deadline(cancel, plan.timeoutMs);
    this.credits = new PollCredits(budget, plan, this.started);
    const watched = (row: Row, index: number): Watched<Row> => {
      const lastSeen = 'not polled yet';
      return { index, row, dueAt: this.started, lastSeen, stopped: false, missed: 0 };
    };
    this.watching = rows.flatMap((row, i) => (isWaitedOn(row.outcome) ? [watched(row, i)] : []));
    this.total = this.watching.length;
  }

  active(): boolean {
    return this.watching.length > 0 && !this.halted() && Date.now() < this.deadline;
  }

  private halted(): boolean {
    return this.stop.aborted || this.ended.stopped;
  }

  /** The budget as the server states it now; without it, as the last answer's headers said. */
  async readRateBudget(): Promise<void> {
    try {
      await this.vendor.readRateBudget(this.stop);
    } catch (error) {
      this.log.info(`Could not read the rate budget before the wait: ${messageOf(error)}`);
    }
  }

  /**
   * Polls the jobs that are due, longest due first (when credits are short, none is left
   * behind): lists first, then the jobs read alone, then those a list did not show, each
   * read once on its own right away.
   */
  async round(): Promise<void> {
    const now = Date.now();
    const due =
      now < this.budget.pausedUntil
        ? []
        : this.watching.filter((job) => job.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    this.creditsWanted = Infinity;
    const { lists, alone } = splitRound(
      due,
      this.vendor.lists,
      (cost) => this.credits.nextAt(now, cost) < Infinity,
    );
    const absent: Watched<Row>[] = [];
    const work = [
      ...lists.map((list) => () => this.pollList(list, absent)),
      ...alone.map((job) => () => this.poll(job)),
    ];
    const halted = (): boolean => this.halted();
    await forEachLimited(work, this.plan.concurrency, (poll) => poll(), halted);
    await forEachLimited(absent, this.plan.concurrency, (job) => this.poll(job), halted);
    this.watching = this.watching.filter((job) => !job.stopped);
  }

  /**
   * One list round; the jobs it did not show go to `absent`, and so do all of them when the
   * list could not be read (a failed answer, or none): each is then read on its own, so a job
   * that stopped is seen to have stopped. As for a job the list missed, two such rounds in a
   * row and the job is read alone from then on.
   */
  private async pollList({ jobs, cost }: ListRound<Row>, absent: Watched<Row>[]): Promise<void> {
    const lists = this.vendor.lists;
    if (lists === null || !this.credits.take(Date.now(), cost)) {
      this.creditsWanted = Math.min(this.creditsWanted, cost);
      return; // stays due until the credits are there
    }
    const sentAt = Date.now();
    let spent = cost;
    const alone = (job: Watched<Row>): void => {
      job.missed += 1;
      absent.push(job);
    };
    try {
      const round = await lists.poll(
        jobs.map((job) => job.row),
        this.stop,
      );
      spent = round.requests;
      round.polls.forEach((poll, i) => {
        const job = jobs[i] as Watched<Row>;
        if (poll !== null) {
          job.missed = 0;
          job.dueAt = sentAt + this.plan.intervalMs;
          return this.seen(job, poll);
        }
        if (round.unread !== undefined) job.lastSeen = round.unread;
        alone(job);
      });
    } catch (error) {
      for (const job of jobs) {
        this.failed(job, error);
        alone(job);
      }
    } finally {
      this.credits.settle(cost, spent);
    }
  }

  private async poll(job: Watched<Row>): Promise<void> {
    if (!this.credits.take()) {
      this.creditsWanted = 1;
      return; // stays due until the next credit
    }
    // Spaced from when a poll is sent, so the interval is the time between two polls.
    const sentAt = Date.now();
    try {
      this.seen(job, await this.vendor.poll(job.row, this.stop));
    } catch (error) {
      this.failed(job, error);
    } finally {
      this.credits.settle();
    }
    job.dueAt = sentAt + this.plan.intervalMs;
  }

  /** What a poll (alone or by list) saw of a job. */
  private seen(job: Watched<Row>, poll: PollResult<Row>): void {
    job.row = poll.row;
    if (poll.ended) {
      job.stopped = true;
      this.result[job.index] = poll.row;
      this.log.info(describeRow(this.vendor.rows, poll.row));
    } else {
      job.lastSeen = poll.seen;
    }
  }

  /**
   * A poll that failed. Whatever broke (no answer, an answer no check foresaw), the kill order
   * was accepted: the job stays waited on, and the failure is what was last seen.
   */
  private failed(job: Watched<Row>, error: unknown): void {
    const failure = classify(error);
    if (failure.kind === 'cancelled') return;
    if (failure.kind === 'stop')
      this.ended.record(failure.reason, failure.refused ? failure : undefined);
    job.lastSeen = messageOf(error);
  }

  /** How far a long wait has come: on a terminal's status line each round, in the log every `progressEveryMs`. */
  progress(): void {
    const ended = this.total - this.watching.length;
    const left = seconds(this.deadline - Date.now());
    const { plural, stopped, ended: over } = this.words;
    this.log.status?.(
      `${ended} of ${this.total} ${plural} ${stopped}, ${this.watching.length} still active, ${left} s left`,
    );
    if (Date.now() - this.lastProgress < (this.plan.progressEveryMs ?? PROGRESS_EVERY_MS)) return;
    this.lastProgress = Date.now();
    this.log.info(`${ended} of ${this.total} ${plural} ${over}, waiting up to ${left} s more`);
  }

  /** Sleeps until a job is due and the credits it needs are free, or the deadline. */
  async pause(): Promise<void> {
    const nextDue = Math.max(
      this.budget.pausedUntil,
      Math.min(...this.watching.map((job) => job.dueAt)),
      this.credits.nextAt(Date.now(), Number.isFinite(this.creditsWanted) ? this.creditsWanted : 1),
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
    const stop = this.cancel.aborted ? new Stop() : this.ended;
    const refusal = stop.message;
    const why = this.cancel.aborted
      ? 'cancelled while waiting'
      : this.ended.stopped
        ? `not polled further: ${this.ended.reason}`
        : `still active after ${seconds(this.plan.timeoutMs)} s`;
    for (const job of this.watching) {
      const outcome = refusal === null ? 'timed-out' : job.row.outcome;
      const error = `${why} (last seen: ${job.lastSeen})`;
      this.result[job.index] = this.vendor.rows.withOutcome(job.row, outcome, error);
    }
    this.endedAt = Date.now();
    return { rows: this.result, stop };
  }

  /** The wait's result in one line, once it is finished. */
  said(): string {
    return `${this.total - this.watching.length} of ${this.total} ${this.words.plural} ${this.words.ended} in ${seconds(this.endedAt - this.started)} s; the wait used ${this.budget.requestCount - this.requestsBefore} request(s).`;
  }
}
