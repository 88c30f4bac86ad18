/**
 * What happened to one requested job, and what each outcome means for the run: the one table
 * the kill phase, the wait, the counts and the exit code ask.
 */
export const OUTCOMES = {
  /** The kill order was accepted. */
  terminated: { failure: false, accepted: true, waitedOn: true },
  /** The job had already ended; nothing to do. */
  'not-active': { failure: false, accepted: false, waitedOn: false },
  /** No such job at the target. */
  'not-found': { failure: true, accepted: false, waitedOn: false },
  /** No answer could be had, or the server refused. */
  error: { failure: true, accepted: false, waitedOn: false },
  /** Dry-run: the job is active and would be terminated. */
  'dry-run': { failure: false, accepted: false, waitedOn: false },
  /** Waiting: the job was seen stopped after its kill order. */
  ended: { failure: false, accepted: true, waitedOn: false },
  /** Waiting: the job was still active at the deadline (or the run was cancelled). */
  'timed-out': { failure: true, accepted: true, waitedOn: false },
} as const satisfies Record<string, { failure: boolean; accepted: boolean; waitedOn: boolean }>;

export type Outcome = keyof typeof OUTCOMES;

/** Rows that fail the step (unless `fail-on-error: false`). */
export function isFailure(outcome: Outcome): boolean {
  return OUTCOMES[outcome].failure;
}

/** Rows whose kill order the server accepted, whatever a wait found afterwards. */
export function isAccepted(outcome: Outcome): boolean {
  return OUTCOMES[outcome].accepted;
}

/** Rows a wait polls until the job stops. */
export function isWaitedOn(outcome: Outcome): boolean {
  return OUTCOMES[outcome].waitedOn;
}
