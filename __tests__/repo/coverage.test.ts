// The coverage gate of `npm test` (scripts/coverage.mjs): what makes it fail, and how the
// coverage of the unit tests and of the dist/ runs add up.
import { describe, expect, it } from '@jest/globals';
import libCoverage from 'istanbul-lib-coverage';
import { byLines, shortfalls, THRESHOLDS } from '../../scripts/coverage.mjs';

const pct = (value: number) => ({ pct: value });

describe('coverage gate', () => {
  it('names each metric under its threshold', () => {
    const summary = {
      lines: pct(99),
      statements: pct(99),
      functions: pct(THRESHOLDS.functions - 0.5),
      branches: pct(THRESHOLDS.branches - 3),
    };
    expect(shortfalls(summary)).toEqual([
      `functions ${THRESHOLDS.functions - 0.5} % is below the threshold of ${THRESHOLDS.functions} %`,
      `branches ${THRESHOLDS.branches - 3} % is below the threshold of ${THRESHOLDS.branches} %`,
    ]);
    expect(
      shortfalls({
        lines: pct(100),
        statements: pct(100),
        functions: pct(100),
        branches: pct(100),
      }),
    ).toEqual([]);
  });

  it('counts a function once when jest and the dist/ source map place it at other columns', () => {
    const file = (column: number, hits: number) => ({
      '/src/a.ts': {
        path: '/src/a.ts',
        statementMap: { 0: { start: { line: 1, column: 0 }, end: { line: 1, column: 30 } } },
        s: { 0: hits },
        fnMap: {
          0: {
            name: 'f',
            decl: { start: { line: 1, column }, end: { line: 1, column: column + 1 } },
            loc: { start: { line: 1, column }, end: { line: 3, column: 1 } },
            line: 1,
          },
        },
        f: { 0: hits },
        branchMap: {},
        b: {},
      },
    });
    const raw = libCoverage.createCoverageMap(file(9, 1));
    raw.merge(file(0, 0));
    expect(raw.getCoverageSummary().functions.pct).toBe(50);

    const lines = libCoverage.createCoverageMap(byLines(file(9, 1)));
    lines.merge(byLines(file(0, 0)));
    expect(lines.getCoverageSummary().functions).toMatchObject({ total: 1, covered: 1 });
  });
});
