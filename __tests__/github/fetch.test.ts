// Octokit's fetch over the run's HttpClient: the API-root guard holds for any URL Octokit is
// handed, and the Response it gets is the HTTP layer's answer (bounded JSON, redacted text).
import { afterEach, describe, expect, it } from '@jest/globals';
import { fetchOver, responseOf } from '../../src/github/fetch.js';
import { TransportError } from '../../src/http/answer.js';
import { HttpClient } from '../../src/http/client.js';
import { MAX_DEPTH } from '../../src/http/json.js';
import { startGitHub } from '../fakes/github.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

async function clientOf(secrets: string[] = []) {
  const fake = await open.keep(startGitHub({ pulls: [{ number: 1 }] }));
  const http = new HttpClient({
    base: new URL(`${fake.url}/`),
    headers: {},
    secrets,
    connections: 1,
    timeoutMs: 5000,
    retries: 0,
  });
  open.keep({ close: () => http.close() });
  return { fake, http, fetch: fetchOver(http) };
}

describe('the fetch Octokit is given', () => {
  it('sends only under the API root, with the headers given', async () => {
    const { fake, fetch } = await clientOf();
    const response = await fetch(`${fake.url}/repos/${fake.repository}/pulls?per_page=1`, {
      method: 'GET',
      headers: { authorization: `token ${fake.token}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { number: number }[])[0]?.number).toBe(1);
    await expect(
      fetch('http://127.0.0.2:9/repos/x/y/pulls', { headers: { authorization: 'token t' } }),
    ).rejects.toThrow(TransportError);
    await expect(
      fetch(`${fake.url}/repos/x/y/pulls`, { method: 'POST', body: '{}' }),
    ).rejects.toThrow('the GitHub reader sends no request body');
    expect(fake.calls()).toHaveLength(1);
  });

  it('hands on the redacted text, and JSON as the bounded parse wrote it', async () => {
    const { fake, fetch } = await clientOf(['ghs_secretvalue']);
    const deep = '['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5);
    fake.inject({
      kind: 'status',
      status: 200,
      times: 1,
      text: `{"id": 12345678901234567890, "deep": ${deep}, "said": "ghs_secretvalue"}`,
    });
    const body = (await (await fetch(`${fake.url}/x`)).json()) as Record<string, unknown>;
    expect(body.id).toBe('12345678901234567890');
    expect(body.said).toBe('***');
    expect(JSON.stringify(body.deep)).toContain('null');
    fake.inject({ kind: 'html', status: 502, times: 1 });
    const html = await fetch(`${fake.url}/x`);
    expect([html.status, (await html.text()).startsWith('<html>')]).toEqual([502, true]);
  });

  it('makes a Response of any status, body-less ones and repeated headers included', () => {
    const empty = responseOf({
      status: 204,
      headers: { 'content-length': '0' },
      json: undefined,
      text: '',
    });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const cookies = responseOf({
      status: 200,
      headers: { 'set-cookie': ['a=1', 'b=2'], 'content-length': '999', link: '<x>; rel="next"' },
      json: [],
      text: '[ ]',
    });
    expect(cookies.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(cookies.headers.get('content-length')).toBeNull();
    expect(cookies.headers.get('link')).toBe('<x>; rel="next"');
  });
});
