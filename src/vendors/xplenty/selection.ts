import { olderThan, type Duration, type JobFilter, type Reason } from '../../shared/selection.js';
import { be } from '../../shared/text.js';
import type { ClusterInputs } from './cluster-rows.js';
import { jobIdOf } from './rows.js';
import { ACTIVE } from './statuses.js';

/** What narrows `keys: all` on Xplenty (the inputs `package-id`, `older-than`). */
export interface XplentyInputs {
  /** Only the active jobs of this package. */
  packageId: number | null;
  /** Only the jobs that started longer ago (`started_at`). */
  olderThan: Duration | null;
  /** The clusters to terminate after the jobs (`clusters`); absent or null: none. */
  clusters?: ClusterInputs | null;
}

/** Explicit keys: nothing narrows them. */
export const NO_FILTERS: XplentyInputs = { packageId: null, olderThan: null };

/**
 * The filters of `keys: all`: the status and the package are filters of the list request
 * itself, checked again here; the age is judged here.
 */
export function jobFilters(inputs: XplentyInputs): JobFilter[] {
  const age = inputs.olderThan;
  const asked = asAsked(inputs.packageId);
  return age ? [asked, olderThan(age, (job) => job.started_at)] : [asked];
}

export function isActive(status: unknown): boolean {
  return (ACTIVE as readonly unknown[]).includes(status);
}

/**
 * Leaves out a listed job that is not what the list asked for: a server or proxy that drops
 * `status` or `package_id` would otherwise have kill orders sent to ended jobs or to every
 * job of the account. Package ids compare by value: "200" is 200.
 */
export function asAsked(packageId: number | null): JobFilter {
  const outside = packageId === null ? 'not active' : `not active or not of package ${packageId}`;
  const reason: Reason = {
    clause: (count) =>
      `${count} ${be(count)} ${outside} (the server listed ${count === 1 ? 'it' : 'them'} all the same)`,
  };
  return {
    keeps: '',
    quiet: true,
    reason,
    leftOut: (job) =>
      isActive(job.status) && (packageId === null || jobIdOf(job.package_id) === packageId)
        ? null
        : reason,
  };
}
