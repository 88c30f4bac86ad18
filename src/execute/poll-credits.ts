import type { RateLimit, RateView } from '../http/rate-gate.js';

/** The wait's deadline and its shortest time between two polls of one job. */
export interface WaitPace {
  /** Whole-wait deadline, counted from the call. */
  timeoutMs: number;
  /** The shortest time between two polls of one job. */
  intervalMs: number;
}

// Calls kept back from the rate budget for the rest of the workflow.
const RESERVE_SHARE = 0.2;

/**
 * The rate budget of the wait: the credits it may spend are those left beyond the reserve.
 * It spends them front-loaded: by any moment it may have sent the share of them that the
 * square root of the share of the deadline gone by gives (a quarter of the time, half the
 * credits). Most stops are quick, so polls run at the poll interval early, when they find
 * them; the credits left then last to the deadline, and the late polls are never spaced more
 * than twice as far apart as an even spread of the whole budget would space them. The
 * allowance is recomputed from the server's count after every answer, so credits that other
 * clients of the key spend count too; polls in flight count as spent.
 */
export class PollCredits {
  private done = 0;
  private inFlight = 0;

  constructor(
    private readonly budget: Pick<RateView, 'rateLimit'>,
    private readonly plan: WaitPace,
    private readonly started: number,
  ) {}

  /** Takes the credits of one poll (a list round: `count`), or says they are not there now. */
  take(now = Date.now(), count = 1): boolean {
    if (this.done + this.inFlight + count > this.allowance(now)) return false;
    this.inFlight += count;
    return true;
  }

  /** The poll's answer (or failure) is in; it took `spent` requests (a list: pages). */
  settle(count = 1, spent = count): void {
    this.inFlight -= count;
    this.done += spent;
  }

  /** When `count` credits may be taken: now, a later moment, or never (Infinity). */
  nextAt(now = Date.now(), count = 1): number {
    const total = this.total();
    const wanted = this.done + this.inFlight + count;
    if (wanted <= this.allowance(now)) return now;
    if (wanted > total) return Infinity;
    // The first whole millisecond after the exact moment, so that take() then succeeds.
    return (
      Math.floor(
        this.started + this.plan.timeoutMs * (wanted / total) ** 2 - this.plan.intervalMs,
      ) + 1
    );
  }

  /** How many polls the wait may have sent by `now`. */
  private allowance(now: number): number {
    const total = this.total();
    if (!Number.isFinite(total)) return Infinity;
    const gone = (now - this.started + this.plan.intervalMs) / this.plan.timeoutMs;
    return total * Math.sqrt(Math.min(1, Math.max(0, gone)));
  }

  /** Credits for the whole wait: those spent so far and those left beyond the reserve. */
  private total(): number {
    return this.done + creditsBeyondReserve(this.budget.rateLimit);
  }
}

/**
 * The calls the run may still make: what the server says is left, less the reserve kept for
 * the rest of the workflow (Infinity until a server states a budget). The wait and the log
 * requests after it both stay within it.
 */
export function creditsBeyondReserve({ remaining, limit }: Readonly<RateLimit>): number {
  if (!Number.isFinite(remaining)) return Infinity;
  const reserve = Math.ceil((limit ?? remaining) * RESERVE_SHARE);
  return Math.max(0, remaining - reserve);
}
