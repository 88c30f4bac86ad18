/**
 * The result on stdout, alone: with `--json` one JSON object `{"rows": [...]}` (the rows as
 * the results file holds them, byte for byte: big ids stay exact); else a short table and the
 * counts, for people.
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
    return `${String(row.outcome).padEnd(12)} ${String(id)}${why ? `  ${String(why)}` : ''}`;
  });
  const counts = `${rows.length} job(s); terminated ${outputs.terminated ?? '0'}, failed ${outputs.failed ?? '0'}`;
  process.stdout.write(redact([...lines, counts, ''].join('\n')));
}
