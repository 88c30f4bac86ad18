/**
 * Why a phase stopped before its end: the one record the kill phase, the wait, the log
 * reading and the run share. The first reason recorded wins: what follows a stop (a cancel
 * after a refused key) is its consequence, not its cause.
 */
export class Stop {
  /** What the phase's unfinished rows say ("not sent: authentication failed"); null: running. */
  reason: string | null = null;
  /** The step's failure, when the stop fails the run (a refused key); null when it does not. */
  message: string | null = null;
  /** The failure in a few words, for the summary's heading. */
  headline: string | null = null;

  get stopped(): boolean {
    return this.reason !== null;
  }

  /** Records a stop: `failure` when it fails the run, absent when it only ends the phase. */
  record(reason: string, failure?: { message: string; headline: string }): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.message = failure?.message ?? null;
    this.headline = failure?.headline ?? null;
  }

  /** The run was cancelled: it fails, and `reason` is what its unfinished rows say. */
  cancelled(reason: string): void {
    this.record(reason, { message: 'The run was cancelled.', headline: 'the run was cancelled' });
  }

  /** Takes another phase's failure when this record has none. */
  adopt(other: Stop): void {
    if (other.message !== null && other.headline !== null) {
      this.record(other.reason ?? '', { message: other.message, headline: other.headline });
    }
  }
}
