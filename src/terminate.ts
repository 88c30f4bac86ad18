import { RateLimited, RequestAborted, TransportError } from './http/answer.js';
import { isFailure } from './outcomes.js';
import { forEachLimited } from './pool.js';
import { describeSelection, select } from './selection.js';
import { oneLine } from './text.js';
import {
  RunStopped,
  sentence,
  type JobRow,
  type JobVendor,
  type RowFormat,
} from './vendors/vendor.js';

/** Where the kill phase and the wait report progress (@actions/core fits). */
export interface Log {
  info(message: string): void;
}

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
  stopped: string | null;
  /** Which jobs were chosen, for the summary: "every active job not on the active bundle 7". */
  selection: string;
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
  let stopped: string | null = null;
  let reasonForUnsent = '';
  const stop = (message: string, unsent: string): void => {
    if (stopped !== null) return;
    stopped = message;
    reasonForUnsent = unsent;
  };
  const cancelled = (): void => stop('The run was cancelled.', 'cancelled before it was sent');

  let keys = plan.keys;
  // Rows known before anything is sent: listed jobs whose key or id cannot be used.
  let known: (Row | undefined)[] = [];
  // With `keys: all` the selection is known once the filters are (they may need the server).
  let selection = plan.all ? '' : `the ${keys.length} job(s) in keys`;
  try {
    await vendor.prepare(cancel);
    if (plan.all) {
      // The filters first: what they need from the server (an active bundle) must be known
      // before a single job is chosen.
      const filters = await vendor.filters(cancel);
      selection = describeSelection(filters);
      const chosen = select(await vendor.activeJobs(cancel), filters);
      log.info(chosen.log);
      for (const row of chosen.rows) {
        if (isFailure(row.outcome)) log.info(describeRow(vendor.rows, row));
      }
      if (plan.dryRun) return { rows: chosen.rows, stopped: null, selection };
      keys = chosen.rows.map((row) => vendor.rows.keyOf(row));
      known = chosen.rows.map((row) => (isFailure(row.outcome) ? row : undefined));
    }
  } catch (error) {
    if (error instanceof RunStopped) stop(error.message, `not sent: ${error.reason}`);
    else if (error instanceof RequestAborted) cancelled();
    else if (error instanceof RateLimited) {
      stop(
        sentence(`The server rate-limited the run: ${error.message}`),
        `not sent: ${error.reason}`,
      );
    } else if (error instanceof TransportError) {
      stop(
        sentence(`Could not reach the server: ${error.message}`),
        'not sent: the server could not be reached',
      );
    } else throw error;
    return {
      rows: keys.map((key) => vendor.rows.errorRow(key, reasonForUnsent)),
      stopped,
      selection,
    };
  }

  const rows: (Row | undefined)[] = Array.from({ length: keys.length }, (_, i) => known[i]);
  const send = plan.dryRun ? vendor.inspect.bind(vendor) : vendor.terminate.bind(vendor);
  await forEachLimited(
    keys,
    plan.concurrency,
    async (key, index) => {
      if (rows[index] !== undefined) return;
      try {
        rows[index] = await send(key, cancel);
      } catch (error) {
        if (error instanceof RunStopped) {
          stop(error.message, `not sent: ${error.reason}`);
          rows[index] = (error.row as Row | undefined) ?? vendor.rows.errorRow(key, error.message);
        } else if (error instanceof RequestAborted) {
          rows[index] = vendor.rows.errorRow(
            key,
            plan.dryRun
              ? 'cancelled while waiting for the answer'
              : 'cancelled while waiting for the answer: the kill order may or may not have been registered',
          );
        } else if (error instanceof RateLimited) {
          stop(
            sentence(`The server rate-limited the run: ${error.message}`),
            `not sent: ${error.reason}`,
          );
          rows[index] = vendor.rows.errorRow(key, error.message);
        } else if (error instanceof TransportError) {
          rows[index] = vendor.rows.errorRow(key, error.message);
        } else {
          // A bug or an answer no check foresaw: this job gets its error row, the others go on.
          const what = error instanceof Error ? error.message : String(error);
          rows[index] = vendor.rows.errorRow(
            key,
            plan.dryRun
              ? `unexpected failure: ${what}`
              : `unexpected failure: ${what}; the kill order may or may not have been registered`,
          );
        }
      }
      log.info(describeRow(vendor.rows, rows[index] as Row));
    },
    () => stopped !== null || cancel.aborted,
  );

  if (cancel.aborted) cancelled();
  return {
    rows: keys.map((key, index) => rows[index] ?? vendor.rows.errorRow(key, reasonForUnsent)),
    stopped,
    selection,
  };
}

/** One row as one log line; the server's words in it are made safe to print (text.ts). */
export function describeRow<Row extends JobRow>(format: RowFormat<Row>, row: Row): string {
  const status = format.statusOf(row);
  const details = [status && `status ${status}`, row.error].filter(Boolean).join('; ');
  return oneLine(`${format.keyOf(row)}: ${row.outcome}${details ? ` (${details})` : ''}`);
}
