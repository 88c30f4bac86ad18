// Xplenty's job statuses (docs/results.md words them for users).

/** The active statuses, in the order a job goes through them. */
export const ACTIVE = ['idle', 'pending', 'queued', 'running'] as const;
/** A stop was asked for; the job is on its way out. */
export const STOPPING = ['pending_stoppage', 'stopping'] as const;
// Unknown statuses count as not terminal: a new status must not end a wait early.
const TERMINAL = new Set(['stopped', 'completed', 'failed']);

export function isTerminal(status: unknown): boolean {
  return typeof status === 'string' && TERMINAL.has(status);
}

export function isStopping(status: unknown): boolean {
  return (STOPPING as readonly unknown[]).includes(status);
}
