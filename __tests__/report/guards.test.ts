// The pieces of src/report/ behind the hostile-server matrix (action/hostile-*.test.ts), on
// their edge cases: the results file and its budget, the summary's budget.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from '../../src/report/outputs.js';
import { SUMMARY_BUDGET_BYTES, summaryHtml } from '../../src/report/summary.js';
import { xplentyRows } from '../../src/vendors/xplenty/rows.js';

describe('writeResults', () => {
  it('keeps failures first within the budget, in their order, and every row in the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    try {
      const rows = Array.from({ length: 10 }, (_, i) => ({
        i,
        failed: i % 3 === 0,
        pad: 'x'.repeat(80),
      }));
      const size = JSON.stringify(rows[0]).length;
      const written = writeResults(rows, dir, (row) => (row.failed ? 0 : 1), {
        budget: 2 + 5 * (size + 1),
      });
      expect(written.omitted).toBe(5);
      expect((JSON.parse(written.results) as { i: number }[]).map((row) => row.i)).toEqual([
        0, 1, 3, 6, 9,
      ]);
      expect(written.file.startsWith(dir)).toBe(true);
      expect(JSON.parse(readFileSync(written.file, 'utf8'))).toEqual(rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the file in the OS temp folder when RUNNER_TEMP cannot be written, and says why', () => {
    const written = writeResults([{ a: 1 }], '/nonexistent/dir', () => 0);
    expect(written.file.startsWith(tmpdir())).toBe(true);
    expect(JSON.parse(readFileSync(written.file, 'utf8'))).toEqual([{ a: 1 }]);
    expect(written.fallback).toMatch(
      /^RUNNER_TEMP \(\/nonexistent\/dir\) cannot be written: .*ENOENT/,
    );
    rmSync(written.file);
  });

  it('still gives results when no file can be written at all', () => {
    const written = writeResults([{ a: 1 }], '/nonexistent/dir', () => 0, {
      tempDir: '/nowhere',
    });
    expect(written).toMatchObject({ results: '[{"a":1}]', file: '' });
    expect(written.fileError).toMatch(/ENOENT/);
  });
});

describe('summaryHtml', () => {
  it('stays within its budget whatever the rows hold, and says how many rows it left out', () => {
    // Every cell the server fills, at its cap, in characters that each need a 6-byte entity.
    const format = xplentyRows;
    const rows = Array.from({ length: 500 }, (_, i) => ({
      ...format.errorRow(String(i + 1), '|'.repeat(5000)),
      status: '|'.repeat(5000),
    }));
    const html = summaryHtml(format, rows, {
      target: 't',
      dryRun: false,
      runUrl: null,
      stopped: null,
    });
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES + 200);
    const shown = html.split('\n').filter((line) => line.startsWith('<tr><td>')).length;
    expect(shown).toBeGreaterThan(100);
    expect(shown).toBeLessThan(500);
    expect(html).toContain(
      `${500 - shown} more row(s) are in the <code>results-file</code> output.`,
    );
  });
});
