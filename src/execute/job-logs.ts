import type { RateView } from '../http/rate-gate.js';
import { deadline } from '../shared/deadline.js';
import { classify, messageOf } from '../shared/failures.js';
import { inGroup, type Log } from '../shared/log.js';
import { forEachLimited } from '../shared/pool.js';
import { isAccepted, type JobRow, type LogNote } from '../shared/rows.js';
import { Stop } from '../shared/stop.js';
import type { JobVendor } from '../vendors/vendor.js';
import { creditsBeyondReserve } from './poll-credits.js';

export interface LogPlan {
  /** The last lines to fetch per job, 1 to 200. */
  lines: number;
  /** `older-than` chose the jobs: every job whose kill order was accepted shows its log. */
  everyStopped: boolean;
  concurrency: number;
  /** One deadline for every log request together, counted from the call. */
  timeoutMs: number;
}

export interface FetchedLogs<Row> {
  /** The rows, with `log` on those whose log was read. */
  rows: Row[];
  notes: LogNote[];
}

/**
 * Whose log a person wants after the kill (and the wait): a job still active after its kill
 * order (`timed-out`), one that turned `error` after its kill order was accepted, and with
 * `older-than` every job stopped. `killed` is the row the kill phase gave the job.
 */
export function wantsLog(row: JobRow, killed: JobRow | undefined, everyStopped: boolean): boolean {
  if (row.outcome === 'timed-out') return true;
  if (row.outcome === 'error') return killed !== undefined && isAccepted(killed.outcome);
  return everyStopped && isAccepted(row.outcome);
}

/**
 * Reads the last lines of the logs that `wantsLog` chooses, once each, at most `concurrency`
 * at once, under one deadline (requests still in flight when it passes are abandoned) and
 * never into the part of the rate budget the wait keeps for the rest of the workflow. A log
 * that cannot be read is a note, never a failed row: the job's outcome is what the kill and the
 * wait found.
 */
export async function fetchLogs<Row extends JobRow>(
  vendor: JobVendor<Row>,
  rows: readonly Row[],
  killed: readonly Row[],
  plan: LogPlan,
  budget: RateView,
  log: Log,
  cancel: AbortSignal,
): Promise<FetchedLogs<Row>> {
  const wanted = rows.flatMap((row, index) =>
    plan.lines > 0 && wantsLog(row, killed[index], plan.everyStopped) ? [index] : [],
  );
  const reading = new LogReading(vendor, rows, plan, budget, cancel);
  if (wanted.length === 0) return { rows: [...rows], notes: [] };
  const fetched = await inGroup(log, 'Last log lines', async () => {
    await forEachLimited(
      wanted,
      plan.concurrency,
      (index) => reading.read(index),
      () => reading.over(),
    );
    const read = reading.finish(wanted);
    for (const row of read.rows) if (row.log) showLog(log, vendor.rows.keyOf(row), row.log);
    return read;
  });
  log.info(
    `Read the last log lines of ${wanted.length - fetched.notes.length} of ${wanted.length} job(s)${
      fetched.notes.length > 0
        ? `; ${fetched.notes.length} could not be read (see the summary)`
        : ''
    }.`,
  );
  return fetched;
}

/** One log phase: the rows as they fill, the notes, and why it stopped early if it did. */
class LogReading<Row extends JobRow> {
  private readonly result: Row[];
  private readonly notes: LogNote[] = [];
  private readonly stop: AbortSignal;
  private inFlight = 0;
  /** Why reading stopped before the deadline (the rate reserve, a refused key), if it did. */
  private readonly ended = new Stop();

  constructor(
    private readonly vendor: JobVendor<Row>,
    rows: readonly Row[],
    private readonly plan: LogPlan,
    private readonly budget: RateView,
    private readonly cancel: AbortSignal,
  ) {
    this.result = [...rows];
    this.stop = deadline(cancel, plan.timeoutMs);
  }

  over(): boolean {
    return this.ended.stopped || this.stop.aborted;
  }

  async read(index: number): Promise<void> {
    // Requests in flight have not been counted by the server yet: they count as spent.
    if (this.inFlight + 1 > creditsBeyondReserve(this.budget.rateLimit)) {
      this.ended.record('the rate budget left is kept for the rest of the workflow');
      return;
    }
    const row = this.result[index] as Row;
    this.inFlight++;
    try {
      const log = await this.vendor.log(row, this.plan.lines, this.stop);
      if ('lines' in log) this.result[index] = { ...row, log: log.lines };
      else this.notes.push({ index, why: log.unavailable });
    } catch (error) {
      const failure = classify(error);
      if (failure.kind === 'stop') this.ended.record(failure.reason);
      if (failure.kind !== 'cancelled') this.notes.push({ index, why: messageOf(error) });
    } finally {
      this.inFlight--;
    }
  }

  /** The rows and the notes, one for every wanted log that was not read, in row order. */
  finish(wanted: readonly number[]): FetchedLogs<Row> {
    const noted = new Set(this.notes.map((note) => note.index));
    const why = this.cancel.aborted
      ? 'not read: the run was cancelled'
      : this.ended.stopped
        ? `not read: ${this.ended.reason}`
        : `not read within the ${this.plan.timeoutMs / 1000} s the logs may take`;
    for (const index of wanted) {
      if (this.result[index]?.log === undefined && !noted.has(index)) {
        this.notes.push({ index, why });
      }
    }
    return { rows: this.result, notes: this.notes.sort((a, b) => a.index - b.index) };
  }
}

/** A job's last log lines in the runner's log, under its key (each line passes the guard). */
function showLog(log: Log, key: string, lines: readonly string[]): void {
  log.info(`${key}: ${lines.length} log line(s)`);
  for (const line of lines) log.info(`  ${line}`);
}
