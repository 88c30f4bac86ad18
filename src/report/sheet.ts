import type { JobFact, JobRow, LogNote, Outcome, RowFormat } from '../shared/rows.js';
import type { Html } from './html.js';

// What the summary's sections share: the context of the run, the rows in the order shown,
// and how each outcome looks.

export interface SummaryContext {
  target: string;
  /** The target's own page (a content item's dashboard), when the vendor has one. */
  targetPage?: string | null;
  /** The host the API answered on. */
  host?: string;
  /** How the run signed in, one line ("Signed in with …"), when it says. */
  signedIn?: string | null;
  /** Which jobs were chosen ('' when the run stopped before it knew). */
  selection?: string;
  /** What the selection left running on purpose (previews...), one sentence each. */
  notices?: readonly string[];
  dryRun: boolean;
  /** Link to the workflow run, when known. */
  runUrl: string | null;
  /** Why the run stopped early, if it did. */
  stopped: string | null;
  /** The stop in a few words, for the heading ("the API key was refused"). */
  stoppedBecause?: string | null;
  /** What the vendor says of each job beyond its row (host, bundle, package...). */
  facts?: (row: JobRow) => JobFact[];
  /** Logs that were wanted but could not be read. */
  logNotes?: readonly LogNote[];
}

/** The marker people scan for, and the words of the heading, per outcome; failures first. */
export const LOOKS: Record<Outcome, { marker: string; phrase: string }> = {
  error: { marker: '❌', phrase: 'failed' },
  'not-found': { marker: '❌', phrase: 'not found' },
  'timed-out': { marker: '⏱️', phrase: 'still active at the deadline' },
  ended: { marker: '✅', phrase: 'stopped' },
  terminated: { marker: '✅', phrase: 'told to stop' },
  'dry-run': { marker: '🔍', phrase: 'would be stopped' },
  'not-active': { marker: '➖', phrase: 'already ended' },
  busy: { marker: '➖', phrase: 'still in use' },
  'not-ready': { marker: '➖', phrase: 'not ready to terminate' },
  terminating: { marker: '➖', phrase: 'already terminating' },
  'not-idle': { marker: '➖', phrase: 'no longer idle' },
};

/** A job of the summary: its row, and where that row is in the run's rows. */
export interface Shown<Row> {
  row: Row;
  index: number;
}

/** What the sections of one summary read: the rows' format, the jobs in order, the context. */
export interface Sheet<Row extends JobRow> {
  format: RowFormat<Row>;
  jobs: readonly Shown<Row>[];
  context: SummaryContext;
}

/** Bytes of parts written one per line. */
export function sizeOf(parts: readonly Html[]): number {
  return parts.reduce((sum, part) => sum + part.bytes + 1, 0);
}
