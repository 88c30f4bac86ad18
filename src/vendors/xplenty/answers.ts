import { failureText, type ApiResponse } from '../../http/answer.js';
import { asRecord } from '../kit.js';
import { emptyJob, type XplentyRow } from './rows.js';

export function failureRow(id: number, response: ApiResponse): XplentyRow {
  return {
    ...emptyJob(id),
    code: response.status,
    error: xplentyMessage(response),
    outcome: response.status === 404 ? 'not-found' : 'error',
    page_url: null,
  };
}

/** Xplenty's error text: `message`, or `error_message` on a few endpoints. */
export function xplentyMessage(response: ApiResponse): string {
  const body = asRecord(response.json);
  const message = body?.message ?? body?.error_message;
  return failureText(response, typeof message === 'string' && message !== '' ? message : null);
}

export function describeAnswer(response: ApiResponse): string {
  return `HTTP ${response.status}: ${xplentyMessage(response)}`;
}
