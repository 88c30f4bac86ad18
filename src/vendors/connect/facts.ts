import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import type { JobFact } from '../../shared/rows.js';
import { lastLines } from '../../shared/text.js';
import { asRecord, startedFact, textFact } from '../kit.js';
import type { JobLog } from '../vendor.js';
import { bundleIdOf } from './selection.js';

/**
 * What the summary says of a Connect job: its host, bundle, tag and start, from the last Job
 * object the server sent for it (the list, a dry-run read, a poll). A kill order's answer
 * carries none of them, so a job only killed by key has no facts.
 */
export class ConnectFacts {
  private readonly seen = new Map<string, Record<string, unknown>>();

  /** Keeps the fields the summary shows, not the whole job: a long list must stay small. */
  remember(key: string, job: Record<string, unknown>): void {
    const { hostname, bundle_id, tag, start_time } = job;
    this.seen.set(key, { hostname, bundle_id, tag, start_time });
  }

  of(key: string, now: number): JobFact[] {
    const job = this.seen.get(key);
    if (!job) return [];
    return [
      textFact('host', job.hostname),
      textFact('bundle', bundleIdOf(job.bundle_id)),
      textFact('tag', job.tag),
      startedFact(job.start_time, now),
    ].filter((fact): fact is JobFact => fact !== null);
  }
}

/**
 * `GET v1/content/{guid}/jobs/{key}/log?maxLogLines=N`: `{entries: [{source, timestamp,
 * data}]}`, oldest first (connectapi's `get_log`). Only the text of each entry is kept.
 */
export async function readConnectLog(
  http: HttpClient,
  path: string,
  lines: number,
  signal: AbortSignal,
  describe: (response: ApiResponse) => string,
): Promise<JobLog> {
  const response = await http.request('GET', path, { query: { maxLogLines: lines }, signal });
  const entries = asRecord(response.json)?.entries;
  if (response.status !== 200 || !Array.isArray(entries)) {
    return { unavailable: `GET ${path} answered ${describe(response)}` };
  }
  const texts = entries.map((entry) => asRecord(entry)?.data);
  return {
    lines: lastLines(
      texts.filter((text): text is string => typeof text === 'string'),
      lines,
    ),
  };
}
