// The pieces behind the hostile-server matrix (action/hostile-*.test.ts), on their edge cases:
// the text neutraliser of shared/text.ts. The bounded JSON parse, the Link header and the
// redactor are in http/guards.test.ts, the results file and the summary's budget in
// report/guards.test.ts.
import { describe, expect, it } from '@jest/globals';
import { cellSafe, logSafe, oneLine, withoutUserinfo } from '../../src/shared/text.js';

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

describe('withoutUserinfo', () => {
  it('drops user:password@ from URL-ish text, parsed or not', () => {
    expect(withoutUserinfo('htps://user:S3cret@host/x')).toBe('htps://***@host/x');
    expect(withoutUserinfo('user:S3cret@host')).toBe('***@host');
    expect(withoutUserinfo('https://host/a@b')).toBe('https://host/a@b');
  });
});
