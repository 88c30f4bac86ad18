import { isFailure, type JobRow, type RowFormat } from '../shared/rows.js';
import { CELL_LIMIT } from '../shared/text.js';
import { element, Html, join, link, words } from './html.js';
import { LOOKS, sizeOf } from './sheet.js';

/** Cluster rows shown in the summary at most; every row is in `results-file`. */
const CLUSTER_ROW_LIMIT = 200;

/** The cluster rows the summary shows, and how they are named. */
export interface ClusterSheet {
  format: RowFormat<JobRow>;
  rows: readonly JobRow[];
}

/**
 * The summary's clusters section: a heading, the counts by outcome, and a table (failures
 * first, each cluster linked to its page) within `budget` bytes.
 */
export function clusterSection(sheet: ClusterSheet | null, budget: number): Html[] {
  if (sheet === null) return [];
  const { format, rows } = sheet;
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
  const said = [...counts].map(([outcome, count]) => `${count} ${outcome}`);
  const parts = [
    element('h3', ['Clusters']),
    element('p', [rows.length === 0 ? 'No cluster to terminate.' : join(said, ' · ')]),
  ];
  if (rows.length === 0) return parts;
  const header = element(
    'tr',
    ['Outcome', 'Cluster', 'Status', 'Message'].map((name) => element('th', [name])),
  );
  parts.push(Html.trusted('<table>'), header);
  let left = budget - sizeOf(parts) - 200;
  const ordered = [...rows].sort((a, b) => failed(a) - failed(b));
  let shown = 0;
  for (const row of ordered.slice(0, CLUSTER_ROW_LIMIT)) {
    const cells = [
      `${LOOKS[row.outcome].marker} ${row.outcome}`,
      link(row.page_url, [format.keyOf(row)]),
      format.statusOf(row),
      words(row.error ?? '', CELL_LIMIT),
    ];
    const line = element(
      'tr',
      cells.map((cell) => element('td', [cell])),
    );
    if ((left -= line.bytes + 1) < 0) break;
    parts.push(line);
    shown++;
  }
  parts.push(Html.trusted('</table>'));
  if (rows.length > shown) {
    const more = `${rows.length - shown} more cluster row(s) are in the `;
    parts.push(element('p', [more, element('code', ['results-file']), ' output.']));
  }
  return parts;
}

function failed(row: JobRow): number {
  return isFailure(row.outcome) ? 0 : 1;
}
