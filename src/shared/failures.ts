import { RateLimited, RequestAborted, TransportError } from '../http/answer.js';
import { sentence } from './text.js';

/**
 * Stops the whole run: what failed holds for every job (bad key, no permission, missing
 * endpoint). `row` is the requesting job's own row, when there was one.
 */
export class RunStopped<Row = unknown> extends Error {
  override name = 'RunStopped';
  constructor(
    message: string,
    /** Short reason for the rows of keys not sent, e.g. "authentication failed". */
    readonly reason: string,
    readonly row?: Row,
    /** The stop in a few words for people, when `reason` is not: "the API key was refused". */
    readonly headline: string = reason,
  ) {
    super(message);
  }
}

/**
 * What an exception means for the run and for the job it came from. The kill phase and the
 * wait both ask `classify` (as Octokit's retry plugin asks one function whether to retry), so
 * a refused key, a cancellation or an unreachable server mean the same in every phase.
 */
export type Failure =
  /** The run was cancelled (or the wait's deadline passed) while the request ran. */
  | { kind: 'cancelled' }
  /**
   * Nothing more is sent: `message` says why for the step, `reason` in short for the rows
   * ("authentication failed"), `headline` for the summary's heading; `rowError` for the job
   * that met it, and its own `row` when the vendor made one. `refused`: the server refused the
   * run itself (a bad key), which ends the wait too; a rate limit only ends what is being sent.
   */
  | {
      kind: 'stop';
      message: string;
      reason: string;
      headline: string;
      rowError: string;
      row?: unknown;
      refused: boolean;
    }
  /** No answer could be had for this job; the others go on. */
  | { kind: 'unreachable'; message: string }
  /** A bug or an answer no check foresaw. */
  | { kind: 'unexpected'; message: string };

export function classify(error: unknown): Failure {
  if (error instanceof RunStopped) {
    return {
      kind: 'stop',
      message: error.message,
      reason: error.reason,
      headline: error.headline,
      rowError: error.message,
      row: error.row,
      refused: true,
    };
  }
  if (error instanceof RequestAborted) return { kind: 'cancelled' };
  if (error instanceof RateLimited) {
    return {
      kind: 'stop',
      message: sentence(`The server rate-limited the run: ${error.message}`),
      reason: error.reason,
      headline: 'the server rate-limited the run',
      rowError: error.message,
      refused: false,
    };
  }
  if (error instanceof TransportError) return { kind: 'unreachable', message: error.message };
  return { kind: 'unexpected', message: messageOf(error) };
}

/** An exception's message; anything thrown that is not an Error, as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A request that got no answer, as a stop that names it: "the ID-token request (GET /idtoken)
 * timed out (no complete answer within 2 s)". For the sign-in's requests, where "could not
 * reach the server" would not say which of two services, or which step, went silent.
 * `message` words the whole sentence around that account. Anything else (an answer's error, a
 * cancellation, a rate limit) comes back as it was.
 */
export function unanswered(
  error: unknown,
  request: string,
  message: (said: string) => string,
  reason: string,
): unknown {
  if (!(error instanceof TransportError) || error instanceof RateLimited) return error;
  const said = error.timedOut
    ? `${request} timed out (${error.message})`
    : `${request} failed: ${error.message}`;
  return new RunStopped(sentence(message(said)), reason);
}
