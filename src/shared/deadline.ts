/**
 * A signal that aborts on the run's cancel or once `ms` have passed, whichever comes first:
 * one deadline for a whole phase (a wait, the log reading).
 */
export function deadline(cancel: AbortSignal, ms: number): AbortSignal {
  return AbortSignal.any([cancel, AbortSignal.timeout(ms)]);
}
