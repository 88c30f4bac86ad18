// Issue 26, item 14 (d): `results` over its budget keeps the failure rows first, then the
// accepted kill orders, through the code that writes the step's outputs (writeOutputs and its
// own priority), not a stand-in priority handed to writeResults.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { RESULTS_BUDGET_BYTES, writeOutputs } from '../../src/report/outputs.js';
import type { ActionsCore } from '../../src/shared/log.js';
import type { JobRow, Outcome } from '../../src/shared/rows.js';

interface PaddedRow extends JobRow {
  n: number;
  pad: string;
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A core that keeps the outputs and warnings; nothing else is used by writeOutputs. */
function recordingCore() {
  const outputs = new Map<string, unknown>();
  const warnings: string[] = [];
  const core = {
    setOutput: (name: string, value: unknown) => outputs.set(name, value),
    warning: (message: string) => warnings.push(message),
  } as unknown as ActionsCore;
  return { core, outputs, warnings };
}

/** `count` rows of about 1 kB each with this outcome, numbered from `first`. */
function rowsOf(outcome: Outcome, count: number, first: number): PaddedRow[] {
  return Array.from({ length: count }, (_, i) => ({
    n: first + i,
    outcome,
    code: null,
    error: null,
    page_url: null,
    pad: 'x'.repeat(1000),
  }));
}

describe('the results output over its budget', () => {
  it('keeps the failures, then the accepted kill orders, and leaves out the others first', () => {
    // 1,200 rows of about 1 kB: half again the budget. The failures come last and the rows
    // nothing was done to first, so a budget filled in row order would lose every failure.
    const rows = [
      ...rowsOf('not-active', 300, 0),
      ...rowsOf('dry-run', 300, 300),
      ...rowsOf('terminated', 200, 600),
      ...rowsOf('ended', 100, 800),
      ...rowsOf('timed-out', 100, 900),
      ...rowsOf('error', 100, 1000),
      ...rowsOf('not-found', 100, 1100),
    ];
    expect(Buffer.byteLength(JSON.stringify(rows))).toBeGreaterThan(RESULTS_BUDGET_BYTES * 1.4);
    const dir = mkdtempSync(join(tmpdir(), 'results-budget-'));
    dirs.push(dir);
    const { core, outputs, warnings } = recordingCore();

    expect(writeOutputs(core, { RUNNER_TEMP: dir }, rows)).toBeNull();

    const results = String(outputs.get('results'));
    expect(Buffer.byteLength(results)).toBeLessThanOrEqual(RESULTS_BUDGET_BYTES);
    const kept = (JSON.parse(results) as PaddedRow[]).map((row) => row.n);
    const keptOf = (outcome: Outcome) =>
      rows.filter((row) => row.outcome === outcome && kept.includes(row.n)).length;
    // Every failure and every accepted order is kept; the room left goes to the first others.
    expect(['timed-out', 'error', 'not-found'].map((o) => keptOf(o as Outcome))).toEqual([
      100, 100, 100,
    ]);
    expect(keptOf('terminated')).toBe(200);
    expect(keptOf('ended')).toBe(100);
    expect(keptOf('not-active') + keptOf('dry-run')).toBeLessThan(600);
    expect(kept.slice(0, keptOf('not-active'))).toEqual(
      Array.from({ length: keptOf('not-active') }, (_, i) => i),
    );
    // The kept rows stay in their order.
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    // Every row is in the file, and the warning says which are where.
    const file = String(outputs.get('results-file'));
    expect((JSON.parse(readFileSync(file, 'utf8')) as PaddedRow[]).length).toBe(1200);
    expect(warnings).toContainEqual(
      expect.stringContaining(`${1200 - kept.length} of 1200 rows are only in the file`),
    );
    expect(outputs.get('failed')).toBe(300);
    expect(outputs.get('terminated')).toBe(400);
  });
});
