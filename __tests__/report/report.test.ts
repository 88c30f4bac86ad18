// The report's small rules: what counts as terminated or failed, HTML escaping, the summary's
// row cap, the names of Connect's job statuses.
import { describe, expect, it } from '@jest/globals';
import { escapeHtml } from '../../src/report/html.js';
import { summaryHtml } from '../../src/report/summary.js';
import { countRows } from '../../src/shared/rows.js';
import { connectRows } from '../../src/vendors/connect/index.js';
import { xplentyRows } from '../../src/vendors/xplenty/index.js';

describe('report', () => {
  it('counts accepted kill orders, waited-on ones included, and failures', () => {
    const rows = (
      ['terminated', 'ended', 'timed-out', 'not-active', 'not-found', 'error', 'dry-run'] as const
    ).map((outcome) => ({ outcome, code: null, error: null, page_url: null }));
    expect(countRows(rows)).toEqual({ terminated: 3, failed: 3 });
  });

  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('keeps the summary table to 500 rows and points to the output for the rest', () => {
    const rows = Array.from({ length: 503 }, (_, i) => xplentyRows.errorRow(String(i + 1), 'x'));
    const html = summaryHtml(xplentyRows, rows, {
      target: 'acct',
      dryRun: false,
      runUrl: null,
      stopped: null,
    });
    expect(html.match(/<tr><td>/g)).toHaveLength(500);
    expect(html).toContain('3 more row(s) are in the <code>results-file</code> output.');
  });

  it('names Connect job statuses', () => {
    const format = connectRows(true);
    const row = { ...format.errorRow('k', 'x'), status: 2 };
    expect(format.statusOf(row)).toBe('finalized');
    expect(format.statusOf(format.errorRow('k', 'x'))).toBe('');
  });
});
