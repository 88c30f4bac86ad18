// The pieces of src/http/ behind the hostile-server matrix (action/hostile-*.test.ts), on their
// edge cases: the bounded JSON parse, the Link header, the redactor.
import { describe, expect, it } from '@jest/globals';
import { cutDeepValues, parseJson } from '../../src/http/json.js';
import { nextLink } from '../../src/http/pager.js';
import { Redactor, secretForms } from '../../src/http/redact.js';

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
