import type { ApiResponse } from '../../http/answer.js';
import type { HttpClient } from '../../http/client.js';
import { asRecord } from '../kit.js';
import { describeAnswer } from './answers.js';
import { bundleIdOf } from './selection.js';
import { compareVersions } from './server.js';

/**
 * Drafts (a pull request's preview: a bundle uploaded to the content item without becoming
 * its active one) exist from this release (connect-actions' `versions.py`). On an older
 * server every bundle but the active one was live once.
 */
export const DRAFTS_SINCE = '2025.06.0';

/** Whether the server may hold drafts: a version from DRAFTS_SINCE on, or one it hides (''). */
export function draftsPossible(version: string): boolean {
  return version === '' || compareVersions(version, DRAFTS_SINCE) >= 0;
}

/**
 * What a bundle's deploy metadata says (connect-actions sends it to Connect 2025.12.0 and
 * later with `--metadata`): `pull` is the pull request a draft was deployed from (its number,
 * or 0 when the value is no number), null for a deploy from a push.
 */
export interface DeployMetadata {
  pull: number | null;
}

/** A content item's bundles that carry deploy metadata, by id; or why they could not be read. */
export type BundleListing = { metadata: Map<string, DeployMetadata> } | { unreadable: string };

/**
 * Deploy metadata is recognised by its presence, never by the server's version: a `source…`
 * field with a value (`source`, `source_commit`, `source_pull_request`…). Every bundle of a
 * new server has a `metadata` object (the archive's hashes, the `source…` fields null), which
 * alone says nothing of where the bundle came from.
 */
export function deployMetadata(bundle: Record<string, unknown>): DeployMetadata | null {
  const metadata = asRecord(bundle.metadata);
  if (metadata === null) return null;
  const given = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  const sources = Object.entries(metadata).filter(([name]) => name.startsWith('source'));
  if (!sources.some(([, value]) => given(value))) return null;
  const pull = metadata.source_pull_request;
  if (!given(pull)) return { pull: null };
  const number = /^\s*[1-9]\d{0,9}\s*$/.test(pull as string) ? Number(pull) : 0;
  return { pull: number };
}

/**
 * `GET v1/content/{guid}/bundles`, once per content item: the bundles with deploy metadata.
 * Connect answers one array (no paging); anything else is unreadable, and its bundles then
 * have no metadata to go by. `check` stops the run on an answer that holds for every item.
 */
export async function readBundles(
  http: HttpClient,
  guid: string,
  signal: AbortSignal,
  check: (response: ApiResponse, call: string) => void,
): Promise<BundleListing> {
  const path = `v1/content/${guid}/bundles`;
  const response = await http.request('GET', path, { signal });
  check(response, `GET ${path}`);
  if (response.status !== 200 || !Array.isArray(response.json)) {
    return { unreadable: `GET ${path} answered ${describeAnswer(response)}` };
  }
  const metadata = new Map<string, DeployMetadata>();
  for (const bundle of response.json.map(asRecord)) {
    const id = bundleIdOf(bundle?.id);
    const deploy = bundle === null ? null : deployMetadata(bundle);
    if (id !== null && deploy !== null) metadata.set(id, deploy);
  }
  return { metadata };
}

/** Whether bundle id `a` is newer (higher) than `b`; both are digit strings without zeros ahead. */
export function newerBundle(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}
