// What the tests of Xplenty's clusters read from a run: the `clusters` output's rows.
export type ClusterRow = Record<string, unknown> & { outcome: string; error: string | null };
type Outputs = { outputs: Record<string, string | undefined> };

/** The `clusters` output, parsed. */
export const clustersOf = (run: Outputs): ClusterRow[] =>
  JSON.parse(run.outputs.clusters ?? 'null');

/** Each cluster row as [id, outcome]. */
export const outcomes = (run: Outputs) => clustersOf(run).map((row) => [row.id, row.outcome]);
