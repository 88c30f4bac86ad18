import type { Problems } from './problems.js';
import { be, have } from './text.js';

/**
 * Narrowing "every active job" (`keys: all`) with filters. The vendors own their filter inputs
 * and say what a job's fields mean (its start time, its bundle); this module applies the
 * filters once, after listing, and words what each left out for the log and the summary.
 */

/**
 * A listed active job: its dry-run row and the job as the server described it; or, with
 * `job: null`, the error row of a place the listing could not read (a content item that
 * failed), which no filter judges.
 */
export interface Listed<Row> {
  row: Row;
  job: Record<string, unknown> | null;
}

/** Why a filter leaves a job out, worded for the log by how many it concerns. */
export interface Reason {
  /** The log clause for `count` jobs: "4 are on the active bundle 127016". */
  clause(count: number): string;
}

export interface JobFilter {
  /** What the filter keeps, for the summary: "not on the active bundle 127016". */
  readonly keeps: string;
  /** A check of the list itself: reported only when it leaves a job out, not in the summary. */
  readonly quiet?: boolean;
  /** The reason it reports even when it left nothing out. */
  readonly reason: Reason;
  /** Why the job is left out, or null when it passes. */
  leftOut(job: Record<string, unknown>): Reason | null;
}

export interface Selection<Row> {
  rows: Row[];
  /** `Found 7 active job(s); 4 are on the active bundle 127016 and are left alone.` */
  log: string;
}

/**
 * Keeps the jobs that pass every filter, in the listed order. Each filter is counted on the
 * jobs the ones before it kept, so the counts add up to what was found.
 */
export function select<Row>(
  listed: readonly Listed<Row>[],
  filters: readonly JobFilter[],
): Selection<Row> {
  const jobs = listed.filter((entry) => entry.job !== null).length;
  if (jobs === 0) return { rows: listed.map(({ row }) => row), log: 'No active jobs found.' };
  let kept = [...listed];
  const clauses: string[] = [];
  for (const filter of filters) {
    const counts = new Map<Reason, number>([[filter.reason, 0]]);
    kept = kept.filter(({ job }) => {
      if (job === null) return true;
      const reason = filter.leftOut(job);
      if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
      return reason === null;
    });
    for (const [reason, count] of counts) {
      if (count > 0 || (reason === filter.reason && !filter.quiet))
        clauses.push(`${reason.clause(count)} and ${be(count)} left alone`);
    }
  }
  const found = `Found ${jobs} active job(s)`;
  return { rows: kept.map(({ row }) => row), log: `${[found, ...clauses].join('; ')}.` };
}

/** The summary's words for the selection: "every active job not on the active bundle 127016". */
export function describeSelection(filters: readonly JobFilter[]): string {
  const keeps = filters.filter((filter) => !filter.quiet).map((filter) => filter.keeps);
  return ['every active job', keeps.join(', ')].filter(Boolean).join(' ');
}

/** The keys a filter input is read with: it narrows `keys: all` and nothing else. */
export interface FilterContext {
  /** True for `keys: all`. */
  all: boolean;
  /** True for `keys: none`: no job is touched (only what the vendor's inputs ask besides). */
  none?: boolean;
}

/**
 * A filter input given with explicit keys is a mistake (the keys would be terminated as they
 * are, unfiltered): refuse it. True when the input may be read.
 */
export function filterAllowed(
  name: string,
  text: string,
  context: FilterContext,
  problems: Problems,
): boolean {
  if (text === '') return false;
  if (context.all) return true;
  problems.add(`${name}: only with \`keys: all\`; it narrows the active jobs, not given keys`);
  return false;
}

/** The `older-than` input, for the vendors whose jobs carry a start time. */
export const OLDER_THAN = 'older-than';

/** Reads `older-than`: a Duration, or null when it is absent (or wrong, noted in `problems`). */
export function parseOlderThan(
  text: string,
  context: FilterContext,
  problems: Problems,
): Duration | null {
  if (!filterAllowed(OLDER_THAN, text, context, problems)) return null;
  const duration = parseDuration(text);
  if (duration === null) problems.expected(OLDER_THAN, text, DURATION_EXPECTED);
  return duration;
}

/** A duration from `older-than`: its length and how the user wrote it, normalised. */
export interface Duration {
  ms: number;
  text: string;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)\s*([smhd])?$/i;
/** What a duration looks like, for input errors. */
export const DURATION_EXPECTED =
  'a duration: a positive number with a unit s, m, h or d (90s, 30m, 6h, 2d), or seconds';

/** `90s`, `30m`, `1.5h`, `2D`, or a plain number of seconds; null unless more than zero. */
export function parseDuration(text: string): Duration | null {
  const match = DURATION.exec(text.trim());
  if (!match?.[1]) return null;
  const unit = (match[2]?.toLowerCase() ?? 's') as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  if (!Number.isFinite(ms) || ms <= 0) return null;
  return { ms, text: `${match[1]}${unit}` };
}

// RFC 3339 as both APIs send it. Anything else (epoch numbers, local times without a zone)
// counts as unreadable: the job is left alone rather than judged on a guessed clock.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds since the epoch from an RFC 3339 time; null when missing or unreadable. */
export function timestampMs(value: unknown): number | null {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Keeps the jobs that started strictly longer ago than `duration`. A job that has not started
 * (no start time, an unreadable one, or one in the future) is left alone: a watchdog must not
 * kill what it cannot prove is stuck.
 */
export function olderThan(
  duration: Duration,
  startOf: (job: Record<string, unknown>) => unknown,
  now: () => number = Date.now,
): JobFilter {
  const reason: Reason = {
    clause: (count) => `${count} ${have(count)} not been running for more than ${duration.text}`,
  };
  return {
    keeps: `running for more than ${duration.text}`,
    reason,
    leftOut(job) {
      const started = timestampMs(startOf(job));
      return started !== null && now() - started > duration.ms ? null : reason;
    },
  };
}
