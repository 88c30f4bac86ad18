// What the tests of action/ read from a run of dist/index.js (fakes/runner.mjs): its rows,
// its workflow commands, the requests a fake received; and the fakes they start, with the
// inputs that point the action at them.
import { afterEach, expect } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import type { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';

export type Run = Awaited<ReturnType<typeof runAction>>;
export type Row = Record<string, unknown> & {
  outcome: string;
  code: unknown;
  error: string | null;
};
/** A request as a fake logged it. */
export type Logged = { method: string; path: string; at: number };

export const rowsOf = (run: Run): Row[] => run.rows as Row[];
const keyOf = (row: Row): string => String(row.job_key ?? row.id);

/** Every requested key has exactly one row, in the order asked. */
export function expectOneRowPerKey(run: Run, keys: readonly (string | number)[]): void {
  expect(rowsOf(run).map(keyOf)).toEqual(keys.map(String));
}

/** The paths a fake received with `method`, in order. */
export const sent = (server: { requests: { method: string; path: string }[] }, method: string) =>
  server.requests.filter((r) => r.method === method).map((r) => r.path);

/** The DELETE requests a fake received, in order. */
export const deletes = (server: { requests: Logged[] }): Logged[] =>
  server.requests.filter((request) => request.method === 'DELETE');

/** Gaps in ms between consecutive requests. */
export const gaps = (requests: Logged[]): number[] =>
  requests.slice(1).map((request, i) => request.at - (requests[i] as Logged).at);

/** Workflow commands (`::error::`, `::warning::`...) of a run, their data unescaped. */
export function commands(run: Run, name: string): string[] {
  const prefix = `::${name}::`;
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) =>
      line.slice(prefix.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'),
    );
}

/** No JSON parser or other stack trace reached the log. */
export function expectNoStack(run: Run): void {
  for (const text of [run.stdout, run.stderr]) {
    expect(text).not.toMatch(/SyntaxError|Unexpected token|JSON\.parse|^\s+at .+:\d+:\d+\)?$/m);
  }
  expect(run.stderr).toBe('');
}

/**
 * The fakes of a test file, closed after each test: `keep` for anything else it starts,
 * `connect(keys)` with active jobs `keys` and `xplenty(ids)` with running jobs `ids`, each
 * returned with the inputs that ask for those jobs, plus `defaults` (such as `retries`).
 */
export function fakesForEachTest(defaults: Record<string, string> = {}) {
  const open = openSet();
  afterEach(open.closeAll);
  const keep = open.keep;
  return {
    keep,
    async connect(keys: string[], options: Parameters<typeof startConnect>[0] = {}) {
      const server = await keep(startConnect({ jobs: keys.map((key) => ({ key })), ...options }));
      return { server, inputs: inputsFor(server, { keys: keys.join(' '), ...defaults }) };
    },
    async xplenty(ids: number[], options: Parameters<typeof startXplenty>[0] = {}) {
      const server = await keep(startXplenty({ jobs: ids.map((id) => ({ id })), ...options }));
      return { server, inputs: inputsFor(server, { keys: ids.join(' '), ...defaults }) };
    },
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
