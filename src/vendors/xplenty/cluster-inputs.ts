import type { Problems } from '../../shared/problems.js';
import { DURATION_EXPECTED, parseDuration, type FilterContext } from '../../shared/selection.js';
import type { ClusterInputs } from './cluster-rows.js';

export const CLUSTERS = 'clusters';
export const IDLE_FOR = 'idle-for';

const MODES = ['none', 'emptied', 'idle'] as const;

/**
 * `clusters` (none, emptied, idle) and `idle-for` (with `idle` only); null for none. `emptied`
 * follows the jobs the run stops, so it needs jobs: not with `keys: none`.
 */
export function parseClusters(
  read: (name: string) => string,
  context: FilterContext,
  problems: Problems,
): ClusterInputs | null {
  const text = read(CLUSTERS);
  const mode = MODES.find((name) => name === text.toLowerCase()) ?? (text === '' ? 'none' : null);
  const idleFor = read(IDLE_FOR);
  if (mode === null) {
    problems.expected(CLUSTERS, text, '`none`, `emptied` or `idle`');
    return null;
  }
  if (idleFor !== '' && mode !== 'idle') {
    problems.add(
      `${IDLE_FOR}: only with \`${CLUSTERS}: idle\`; it says how long a cluster has been idle`,
    );
  }
  if (mode === 'emptied' && context.none) {
    problems.add(
      `${CLUSTERS}: \`emptied\` terminates the clusters of the jobs this run stops, and \`keys: none\` stops none; give keys, or \`${CLUSTERS}: idle\``,
    );
  }
  if (mode === 'none') return null;
  if (mode === 'emptied' || idleFor === '') return { mode, idleForMs: 0, idleForText: null };
  const duration = parseDuration(idleFor);
  if (duration === null) problems.expected(IDLE_FOR, idleFor, DURATION_EXPECTED);
  return { mode, idleForMs: duration?.ms ?? 0, idleForText: duration?.text ?? null };
}
