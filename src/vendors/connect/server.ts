import type { ApiResponse } from '../../http/answer.js';
import { RunStopped } from '../../shared/failures.js';
import type { JobRow } from '../../shared/rows.js';
import { asRecord } from '../kit.js';
import { connectCode } from './answers.js';

/** The jobs endpoints exist since this release. */
export const MINIMUM_VERSION = '2022.10.0';

/**
 * Stops the run when `server_settings` shows a version older than MINIMUM_VERSION; returns
 * the version shown ('' when the server hides it).
 */
export function refuseOldServer(response: ApiResponse): string {
  const version = (asRecord(response.json)?.version as unknown) ?? '';
  if (response.status !== 200 || typeof version !== 'string' || !/^\d+\.\d+/.test(version)) {
    return '';
  }
  if (compareVersions(version, MINIMUM_VERSION) < 0) {
    throw new RunStopped(
      `Posit Connect ${version} has no API to terminate jobs: it needs ${MINIMUM_VERSION} or newer.`,
      `Connect ${version} is older than ${MINIMUM_VERSION}`,
    );
  }
  return version;
}

/**
 * Stops the run at a 404 without Connect's JSON code: no jobs API at `origin` (an old server,
 * or `server` is not Connect's URL). Holds for every content item; `row` is the key's, if any.
 */
export function refuseNoJobsApi(
  response: ApiResponse,
  call: string,
  origin: string,
  row?: JobRow,
): void {
  if (response.status !== 404 || connectCode(response) !== null) return;
  throw new RunStopped(
    `No jobs API at ${origin} (${call} answered a 404 without Connect's error code): Posit Connect ${MINIMUM_VERSION} or newer is needed, or \`server\` is not the Connect server URL.`,
    'no jobs API at the server',
    row,
  );
}

/**
 * Compares Connect's calendar versions (`2024.08.0`, sometimes with a suffix). They are not
 * semver (months carry a leading zero), so compare the numbers part by part.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => (v.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
