import { paint, type Style } from './terminal.js';

// The outcomes of docs/results.md a person looks for first; the others stay plain.
const OUTCOME_STYLES: Record<string, Style> = {
  terminated: 'green',
  ended: 'green',
  error: 'red',
  'timed-out': 'yellow',
};

// Where the results file's object (jobs and clusters) puts its second array; a row is one
// line of compact JSON, so the marker cannot be inside one.
const CLUSTERS_AT = ',\n"clusters": ';

/** The results file's text as its job rows and, where clusters were asked, its cluster rows. */
export function splitResults(text: string): { rows: string; clusters: string | null } {
  const at = text.lastIndexOf(CLUSTERS_AT);
  if (!text.startsWith('{') || at < 0) return { rows: text, clusters: null };
  return {
    rows: text.slice(text.indexOf('['), at),
    clusters: text.slice(at + CLUSTERS_AT.length, text.lastIndexOf('}')),
  };
}

/**
 * The result on stdout, alone: with `--json` one JSON object `{"rows": [...]}`, and
 * `"clusters": [...]` where clusters were asked (the rows as the results file holds them,
 * byte for byte: big ids stay exact); else a short table and the counts, for people (on a
 * terminal, outcomes in colour).
 */
export function printResult(
  json: boolean,
  fileText: string,
  outputs: Record<string, string>,
  redact: (text: string) => string,
): void {
  const { rows: rowsText, clusters } = splitResults(fileText);
  if (json) {
    const more = clusters === null ? '' : `, "clusters": ${clusters}`;
    process.stdout.write(redact(`{"rows": ${rowsText}${more}}\n`));
    return;
  }
  const rows = JSON.parse(rowsText) as Record<string, unknown>[];
  const clusterRows = JSON.parse(clusters ?? '[]') as Record<string, unknown>[];
  const lines = [...tableOf(rows, ''), ...tableOf(clusterRows, 'cluster ')];
  const clusterCount = clusters === null ? '' : `; ${clusterRows.length} cluster(s)`;
  const counts = `${rows.length} job(s); terminated ${outputs.terminated ?? '0'}, failed ${outputs.failed ?? '0'}${clusterCount}`;
  process.stdout.write(redact([...lines, counts, ''].join('\n')));
}

/** One line per row: its outcome (in colour on a terminal), its key and why. */
function tableOf(rows: readonly Record<string, unknown>[], prefix: string): string[] {
  return rows.map((row) => {
    const id = row.job_key ?? row.id ?? row.job_id ?? '';
    const why = row.error ?? '';
    const outcome = String(row.outcome).padEnd(12);
    const style = OUTCOME_STYLES[String(row.outcome)];
    const shown = style ? paint(style, outcome, process.stdout) : outcome;
    return `${shown} ${prefix}${String(id)}${why ? `  ${String(why)}` : ''}`;
  });
}
