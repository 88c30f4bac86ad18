import { classify } from '../shared/failures.js';
import { inGroup, type Log } from '../shared/log.js';
import { forEachLimited } from '../shared/pool.js';
import {
  describeRow,
  outcomeCounts,
  isFailure,
  MAYBE_REGISTERED,
  type JobRow,
  type RowFormat,
} from '../shared/rows.js';
import { describeSelection, select } from '../shared/selection.js';
import { Stop } from '../shared/stop.js';
import { sentence } from '../shared/text.js';
import type { JobVendor } from '../vendors/vendor.js';

// What the rows of keys a cancel left unsent say.
export const CANCELLED = 'cancelled before it was sent';

export interface KillPlan {
  /** Every active job of the target, listed by the vendor, instead of `keys`. */
  all: boolean;
  /** The requested keys. */
  keys: readonly string[];
  dryRun: boolean;
  concurrency: number;
}

export interface KillReport<Row extends JobRow> {
  /** One row per requested (or listed) job, in order. */
  rows: Row[];
  /** Why the run stopped before its end (bad key, no permission, cancelled...), if it did. */
  stop: Stop;
  /** Which jobs were chosen, for the summary: "every active job not on the active bundle 7". */
  selection: string;
}

/** The jobs the kill phase sends orders for, once the server has been asked. */
interface Chosen<Row> {
  keys: readonly string[];
  /** Rows known before anything is sent: listed jobs whose key or id cannot be used. */
  known: (Row | undefined)[];
  selection: string;
  /** Dry run with `keys: all`: the listed rows are the answer. */
  listedRows?: Row[];
}

/**
 * The kill phase: checks the server, resolves "all active jobs" to keys, sends one kill order
 * per key (or, in dry-run, one GET), and gives every key exactly one row whatever happens.
 */
export async function terminateJobs<Row extends JobRow>(
  vendor: JobVendor<Row>,
  plan: KillPlan,
  log: Log,
  cancel: AbortSignal,
): Promise<KillReport<Row>> {
  const chosen: Chosen<Row> = {
    keys: plan.keys,
    known: [],
    // With `keys: all` the selection is known once the filters are (they may need the server).
    selection: plan.all
      ? ''
      : plan.keys.length === 0
        ? 'no job (`keys: none`)'
        : `the ${plan.keys.length} job(s) in keys`,
  };
  try {
    if (plan.all) {
      const said = await inGroup(log, 'Choose jobs', () =>
        chooseJobs(vendor, plan, log, cancel, chosen),
      );
      log.info(said);
    } else {
      await vendor.prepare(cancel);
    }
  } catch (error) {
    const stopped = stoppedBeforeAnyOrder(vendor.rows, chosen.keys, error);
    return { ...stopped, selection: chosen.selection };
  }
  const count = chosen.listedRows?.length ?? chosen.keys.length;
  const name = plan.dryRun ? `Dry run: look at ${count} job(s)` : `Terminate ${count} job(s)`;
  if (chosen.listedRows) {
    const listed = chosen.listedRows;
    await inGroup(log, name, async () => {
      for (const row of listed) log.info(describeRow(vendor.rows, row));
    });
    log.info(`Dry run: ${outcomeCounts(listed)}; nothing was sent.`);
    return { rows: listed, stop: new Stop(), selection: chosen.selection };
  }

  const stop = new Stop();
  const rows = await inGroup(log, name, () => sendOrders(vendor, plan, log, cancel, chosen, stop));
  if (cancel.aborted) stop.cancelled(CANCELLED);
  const sent = rows.filter((row): row is Row => row !== undefined);
  log.info(`${plan.dryRun ? 'Dry run' : 'Kill orders'}: ${outcomeCounts(sent)}.`);
  const unsent = stop.reason ?? '';
  return {
    rows: chosen.keys.map((key, index) => rows[index] ?? vendor.rows.errorRow(key, unsent)),
    stop,
    selection: chosen.selection,
  };
}

/**
 * The server's checks, then the filters of `keys: all` and the list they narrow; what was
 * chosen, in one line ("Found 120 active job(s); 83 are on the active bundle 7 …").
 */
async function chooseJobs<Row extends JobRow>(
  vendor: JobVendor<Row>,
  plan: KillPlan,
  log: Log,
  cancel: AbortSignal,
  chosen: Chosen<Row>,
): Promise<string> {
  await vendor.prepare(cancel);
  // The filters first: what they need from the server (an active bundle) must be known
  // before a single job is chosen.
  const filters = await vendor.filters(cancel);
  chosen.selection = describeSelection(filters);
  const selected = select(await vendor.activeJobs(cancel), filters);
  for (const row of selected.rows) {
    if (isFailure(row.outcome)) log.info(describeRow(vendor.rows, row));
  }
  for (const { text, warning } of vendor.notices()) {
    if (warning && log.warning) log.warning(text);
    else log.info(text);
  }
  if (plan.dryRun) chosen.listedRows = selected.rows;
  chosen.keys = selected.rows.map((row) => vendor.rows.keyOf(row));
  chosen.known = selected.rows.map((row) => (isFailure(row.outcome) ? row : undefined));
  return selected.log;
}

/** A failure before any order: the run stops (or, for a bug, the caller's catch decides). */
function stopBeforeAnyOrder(error: unknown, stop: Stop): void {
  const failure = classify(error);
  switch (failure.kind) {
    case 'stop':
      return stop.record(`not sent: ${failure.reason}`, failure);
    case 'cancelled':
      return stop.cancelled(CANCELLED);
    case 'unreachable':
      return stop.record('not sent: the server could not be reached', {
        message: sentence(`Could not reach the server: ${failure.message}`),
        headline: 'the server could not be reached',
      });
    case 'unexpected':
      throw error;
  }
}

/**
 * Every key's row when the run stopped before its kill phase (the sign-in failed), and why;
 * a bug is thrown again, as in the kill phase.
 */
export function stoppedBeforeAnyOrder<Row extends JobRow>(
  format: RowFormat<Row>,
  keys: readonly string[],
  error: unknown,
): { rows: Row[]; stop: Stop } {
  const stop = new Stop();
  stopBeforeAnyOrder(error, stop);
  const rows = keys.map((key) => format.errorRow(key, stop.reason ?? ''));
  return { rows, stop };
}

/** One order (or, in dry-run, one read) per key, at most `concurrency` at once. */
async function sendOrders<Row extends JobRow>(
  vendor: JobVendor<Row>,
  plan: KillPlan,
  log: Log,
  cancel: AbortSignal,
  chosen: Chosen<Row>,
  stop: Stop,
): Promise<(Row | undefined)[]> {
  const rows = Array.from({ length: chosen.keys.length }, (_, i) => chosen.known[i]);
  const send = plan.dryRun ? vendor.inspect.bind(vendor) : vendor.terminate.bind(vendor);
  await forEachLimited(
    chosen.keys,
    plan.concurrency,
    async (key, index) => {
      if (rows[index] !== undefined) return;
      try {
        rows[index] = await send(key, cancel);
      } catch (error) {
        rows[index] = failedRow(vendor.rows, key, error, plan.dryRun, stop);
      }
      log.info(describeRow(vendor.rows, rows[index] as Row));
    },
    () => stop.stopped || cancel.aborted,
  );
  return rows;
}

/** The row of a key whose order (or read) failed; a run-wide failure also stops the run. */
export function failedRow<Row extends JobRow>(
  format: RowFormat<Row>,
  key: string,
  error: unknown,
  dryRun: boolean,
  stop: Stop,
): Row {
  const failure = classify(error);
  switch (failure.kind) {
    case 'stop':
      stop.record(`not sent: ${failure.reason}`, failure);
      return (failure.row as Row | undefined) ?? format.errorRow(key, failure.rowError);
    case 'cancelled':
      return format.errorRow(
        key,
        dryRun
          ? 'cancelled while waiting for the answer'
          : `cancelled while waiting for the answer: ${MAYBE_REGISTERED}`,
      );
    case 'unreachable':
      return format.errorRow(key, failure.message);
    case 'unexpected':
      // A bug or an answer no check foresaw: this job gets its error row, the others go on.
      return format.errorRow(
        key,
        dryRun
          ? `unexpected failure: ${failure.message}`
          : `unexpected failure: ${failure.message}; ${MAYBE_REGISTERED}`,
      );
  }
}
