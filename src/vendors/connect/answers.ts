import { failureText, type ApiResponse } from '../../http/answer.js';
import { RunStopped } from '../../shared/failures.js';
import type { JobRow } from '../../shared/rows.js';
import { asRecord } from '../kit.js';

// How Connect's answers read: its error body `{"code", "error", "payload"}` and its ids.

/** A job id as connectapi gives it (a string of digits), from a number or a string. */
export function idText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  return typeof value === 'string' && /^\d{1,30}$/.test(value) ? value : null;
}

/** Connect's own error code from a JSON error body; null when there is none. */
export function connectCode(response: ApiResponse): number | null {
  const code = asRecord(response.json)?.code;
  return typeof code === 'number' ? code : null;
}

export function connectMessage(response: ApiResponse): string {
  const error = asRecord(response.json)?.error;
  return failureText(response, typeof error === 'string' && error !== '' ? error : null);
}

export function describeAnswer(response: ApiResponse): string {
  const code = connectCode(response);
  return `HTTP ${response.status}${code === null ? '' : `, code ${code}`}: ${connectMessage(response)}`;
}

/**
 * Said after Connect's own 404 (its JSON code: the server is Connect) for the one content item
 * of `target`: the GUID is what to check, not the server.
 */
export function checkTarget(response: ApiResponse, guid: string): string {
  return response.status === 404 && connectCode(response) !== null
    ? ` No content item ${guid} is on this server, or the key cannot see it: check \`target\`.`
    : '';
}

/**
 * Stops the run at a 403 about its one content item `guid`: permission is granted per item,
 * so it holds for every job. With several items ('') a 403 is that item's (or job's) own row.
 */
export function refuseForbiddenItem(
  response: ApiResponse,
  call: string,
  guid: string,
  row?: JobRow,
): void {
  if (response.status !== 403 || guid === '') return;
  throw new RunStopped(
    `Not allowed to terminate the jobs of content ${guid} (${call} answered ${describeAnswer(response)}): only its owner, collaborators and administrators may.`,
    'permission denied',
    row,
  );
}
