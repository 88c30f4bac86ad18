import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { rateResetMs, RequestAborted } from './answer.js';

/** The server's rate budget, as its last answer stated it. */
export interface RateLimit {
  limit: number | null;
  remaining: number;
}

/**
 * What the wait reads of the run's traffic: the rate budget, any pause a server asked for, and
 * how many requests went out. The kill phase and the wait share one gate, so a 429 to either
 * holds back both.
 */
export interface RateView {
  /** Calls left in the server's window; `remaining` is Infinity until a server states it. */
  readonly rateLimit: Readonly<RateLimit>;
  /** Epoch ms before which nothing is sent (a 429's Retry-After). */
  readonly pausedUntil: number;
  readonly requestCount: number;
}

/** The run-wide gate every request passes: the 429 hold-off and the rate budget it reads. */
export class RateGate implements RateView {
  private readonly limits: RateLimit = { limit: null, remaining: Infinity };
  private paused = 0;
  private limited = 0;
  private sent = 0;

  get rateLimit(): Readonly<RateLimit> {
    return this.limits;
  }

  get pausedUntil(): number {
    return this.paused;
  }

  get requestCount(): number {
    return this.sent;
  }

  /** Epoch ms before which the run sends nothing at all: later than it may wait. */
  get limitedUntil(): number {
    return this.limited;
  }

  /** A server asked for a pause longer than the run's patience: no request before `until`. */
  limitAll(until: number): void {
    this.limited = Math.max(this.limited, until);
  }

  /** Every request of the run holds off until `until` (epoch ms), not only the one told. */
  holdAll(until: number): void {
    this.paused = Math.max(this.paused, until);
  }

  /** Sleeps through a hold-off; returns how long. Throws RequestAborted once `signal` aborts. */
  async pass(signal?: AbortSignal): Promise<number> {
    const wait = Math.max(0, this.paused - Date.now());
    await pause(wait, signal);
    this.sent++;
    return wait;
  }

  /**
   * Reads `X-RateLimit-Remaining` / `-Limit` from an answer, when it has them. A count whose
   * `X-RateLimit-Reset` has already passed is of a window that is over: the budget is fresh,
   * of a size no answer has stated yet (a server may send the old window's 0 until its next
   * one starts; taking it at its word would starve the wait).
   */
  note(headers: IncomingHttpHeaders, now = Date.now()): void {
    const remaining = headerCount(headers['x-ratelimit-remaining']);
    if (remaining === null) return;
    const windowOver = rateResetMs(headers['x-ratelimit-reset'], now) === 0;
    this.record({
      limit: headerCount(headers['x-ratelimit-limit']),
      remaining: windowOver ? Infinity : remaining,
    });
  }

  /** The budget as a server stated it (headers, or an API of its own); a limit not stated keeps the last. */
  record({ limit, remaining }: { limit: number | null; remaining: number }): void {
    this.limits.remaining = remaining;
    this.limits.limit = limit !== null && Number.isFinite(limit) ? limit : this.limits.limit;
  }
}

/**
 * A rate header's count: digits only, surrounding blanks aside. Empty, blank, negative,
 * fractional or other text is a count unknown (null), as `rate_limit_status` treats a negative
 * count; `Number()` would read an empty header as 0 and starve the wait.
 */
function headerCount(header: string | string[] | undefined): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || !/^\d+$/.test(value)) return null;
  const count = Number(value);
  return Number.isSafeInteger(count) ? count : null;
}

/** Sleeps `ms`; throws RequestAborted once `signal` aborts. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    if (ms > 0) await sleep(ms, undefined, { signal });
    else signal?.throwIfAborted();
  } catch {
    throw new RequestAborted(String(signal?.reason ?? 'aborted'));
  }
}
