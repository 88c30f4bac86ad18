// The pieces behind the hostile-server matrix (hostile.test.ts), on their edge cases: the
// text neutraliser, the bounded JSON parse, the Link header, the redactor, the results file.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cutDeepValues, parseJson } from '../../src/http/json.js';
import { Redactor, secretForms } from '../../src/http/redact.js';
import { cellSafe, logSafe, oneLine, withoutUserinfo } from '../../src/shared/text.js';
import { SUMMARY_BUDGET_BYTES, summaryHtml } from '../../src/report/summary.js';
import { writeResults } from '../../src/report/outputs.js';
import { xplentyRows } from '../../src/vendors/xplenty/rows.js';
import { nextLink } from '../../src/http/pager.js';

describe('text.ts', () => {
  it('breaks up what the runner would obey, keeps our own line structure in logSafe', () => {
    expect(logSafe('a\n  ::set-output name=x::1\nb ##[group]c')).toBe(
      'a\n  : :set-output name=x::1\nb ## [group]c',
    );
    expect(oneLine('a\r\n::error::x\u2028y')).toBe('a ::error::x y');
    expect(oneLine('\n  ::error::x')).toBe('   : :error::x');
    expect(oneLine('###[x')).not.toContain('##[');
  });

  it('shows control characters as text and caps the length without splitting a pair', () => {
    expect(oneLine('\u001b[31mred\u0000')).toBe('\\u001b[31mred\\u0000');
    expect(oneLine('\u202eevil')).toBe('\\u202eevil');
    const capped = oneLine(`${'x'.repeat(8)}😀😀`, 10);
    expect(capped).toBe(`${'x'.repeat(8)}…`);
    expect(oneLine('x'.repeat(2000))).toHaveLength(1000);
  });

  it('keeps summary text inside its cell: no HTML, no Markdown', () => {
    expect(cellSafe('<b>[a](u) ![i](x) # h | `c` *e*')).toBe(
      '&#60;b&#62;&#91;a&#93;(u) &#33;&#91;i&#93;(x) &#35; h &#124; &#96;c&#96; *e*',
    );
    expect(cellSafe('a\n\nb')).toBe('a  b');
  });
});

describe('http/json.ts', () => {
  it('replaces values nested deeper than the limit by null, brackets in strings untouched', () => {
    expect(cutDeepValues('{"a":[[1]],"b":"[[["}', 2)).toBe('{"a":[null],"b":"[[["}');
    expect(cutDeepValues('["\\"[",[[2]]]', 2)).toBe('["\\"[",[null]]');
    expect(parseJson(`{"ok":1,"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toEqual({
      ok: 1,
      deep: expect.anything(),
    });
  });

  it('keeps integers beyond 2^53 as their digits, and reads everything else as JSON.parse does', () => {
    expect(parseJson('[9007199254740993, 9007199254740991, 1.5, "x"]')).toEqual([
      '9007199254740993',
      9007199254740991,
      1.5,
      'x',
    ]);
    expect(parseJson('{"a": 1')).toBeUndefined();
    expect(parseJson('  ')).toBeUndefined();
  });

  it('ignores a UTF-8 byte order mark before the JSON, as RFC 8259 lets a reader', () => {
    expect(parseJson('\uFEFF{"id": 7}')).toEqual({ id: 7 });
    expect(parseJson('\uFEFF [9007199254740993]')).toEqual(['9007199254740993']);
    expect(parseJson('\uFEFF')).toBeUndefined();
    expect(parseJson('{"a": "\uFEFF"}')).toEqual({ a: '\uFEFF' });
  });
});

describe('nextLink', () => {
  it('finds rel="next" among several links and rel values', () => {
    expect(
      nextLink('<https://a/jobs?offset=0>; rel="prev", <https://a/jobs?offset=200>; rel="next"'),
    ).toBe('https://a/jobs?offset=200');
    expect(nextLink('<u1>; rel=next')).toBe('u1');
    expect(nextLink('<u2>; title="x"; rel="next last"')).toBe('u2');
    expect(nextLink('<u3>; rel="prev"')).toBeNull();
    expect(nextLink('garbage')).toBeNull();
  });
});

describe('Redactor', () => {
  const key = 'k3y/with+special=chars&more';
  const redactor = new Redactor(secretForms([key]));

  it('catches the key plain, encoded, escaped and mixed, in any case of hex', () => {
    for (const echo of [
      key,
      encodeURIComponent(key),
      encodeURIComponent(key).toLowerCase(),
      'k3y\\/with\\u002Bspecial%3dchars\\u0026more',
      [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      Buffer.from(`${key}:`).toString('base64'),
    ]) {
      expect(redactor.text(`<${echo}>`)).toBe('<***>');
    }
    expect(redactor.text('k3y/with+special=chars')).toBe('k3y/with+special=chars');
  });

  it('catches a key with non-ASCII characters URL-encoded as UTF-8', () => {
    const accented = 'clé-secrète-€-0123';
    const forms = new Redactor(secretForms([accented]));
    expect(forms.text(`<${encodeURIComponent(accented)}>`)).toBe('<***>');
    expect(forms.text(`<${encodeURIComponent(accented).toLowerCase()}>`)).toBe('<***>');
  });

  it('catches a key that holds %XX and \\uXXXX itself, echoed partly escaped', () => {
    const escaping = 'Pa%41ss%2Fw\\u0041rd-0123';
    const forms = new Redactor(secretForms([escaping]));
    for (const echo of [
      escaping,
      'P\\u0061%41ss%2Fw\\u0041rd-0123',
      'Pa%2541ss%252Fw%5Cu0041rd-0123',
      'Pa%41ss%2Fw\\\\u0041rd-0123',
      encodeURIComponent(escaping),
      JSON.stringify(escaping).slice(1, -1),
    ]) {
      expect(forms.text(`<${echo}>`)).toBe('<***>');
    }
    expect(forms.text('PaAss/wArd-0123')).toBe('PaAss/wArd-0123');
  });
});

describe('withoutUserinfo', () => {
  it('drops user:password@ from URL-ish text, parsed or not', () => {
    expect(withoutUserinfo('htps://user:S3cret@host/x')).toBe('htps://***@host/x');
    expect(withoutUserinfo('user:S3cret@host')).toBe('***@host');
    expect(withoutUserinfo('https://host/a@b')).toBe('https://host/a@b');
  });
});

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
