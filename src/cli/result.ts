import { paint, type Style } from './terminal.js';

// The outcomes of docs/results.md a person looks for first; the others stay plain.
const OUTCOME_STYLES: Record<string, Style> = {
  terminated: 'green',
  ended: 'green',
  error: 'red',
  'timed-out': 'yellow',
};

/**
 * The result on stdout, alone: with `--json` one JSON object `{"rows": [...]}` (the rows as
 * the results file holds them, byte for byte: big ids stay exact); else a short table and the
 * counts, for people (on a terminal, outcomes in colour).
 */
export function printResult(
  json: boolean,
  rowsText: string,
  outputs: Record<string, string>,
  redact: (text: string) => string,
): void {
  if (json) {
    process.stdout.write(redact(`{"rows": ${rowsText}}\n`));
    return;
  }
  const rows = JSON.parse(rowsText) as Record<string, unknown>[];
  const lines = rows.map((row) => {
    const id = row.job_key ?? row.id ?? row.job_id ?? '';
    const why = row.error ?? '';
    const outcome = String(row.outcome).padEnd(12);
    const style = OUTCOME_STYLES[String(row.outcome)];
    const shown = style ? paint(style, outcome, process.stdout) : outcome;
    return `${shown} ${String(id)}${why ? `  ${String(why)}` : ''}`;
  });
  const counts = `${rows.length} job(s); terminated ${outputs.terminated ?? '0'}, failed ${outputs.failed ?? '0'}`;
  process.stdout.write(redact([...lines, counts, ''].join('\n')));
}
