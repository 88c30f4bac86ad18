// The hostile-server matrix of issue 10 (hostile-*.test.ts), secrets: the key echoed in any
// encoding, and a password in a mistyped server URL, appear nowhere. Each row runs the committed
// dist/index.js as the runner does (fakes/runner.mjs) against the loopback fakes, with the hostile
// answers injected through the fakes' fault vocabulary (fakes/server.mjs).
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../fakes/runner.mjs';
import { fakesForEachTest, rowsOf } from '../helpers/runs.js';

const { connect } = fakesForEachTest({ retries: '0' });

describe('9. the key in any encoding stays secret', () => {
  const jsonEscaped = (text: string, upper: boolean): string =>
    [...text]
      .map((c, i) => {
        const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
        return i % 2 === 0 ? `\\u${upper ? hex.toUpperCase() : hex}` : c;
      })
      .join('');
  const urlEncoded = (text: string): string =>
    [...text]
      .map((c, i) => `%${c.charCodeAt(0).toString(16)[i % 2 ? 'toUpperCase' : 'toLowerCase']()}`)
      .join('');

  it('echoed JSON-escaped (either case) or URL-encoded (mixed case): not in results, summary or log', async () => {
    const apiKey = 'k3y/with+special=chars&more';
    const { server, inputs } = await connect(['k1', 'k2'], { apiKey });
    server.inject({
      method: 'DELETE',
      path: '/jobs/k1',
      kind: 'status',
      status: 500,
      text: `{"code":1,"error":"bad key ${jsonEscaped(apiKey, true)} or ${jsonEscaped(apiKey, false)}"}`,
    });
    server.inject({
      method: 'DELETE',
      path: '/jobs/k2',
      kind: 'status',
      status: 500,
      text: `{"code":1,"error":"bad key ${urlEncoded(apiKey)}"}`,
    });
    const run = await runAction(inputs);
    expect(rowsOf(run).map((row) => row.outcome)).toEqual(['error', 'error']);
    const seen = [run.outputsText, run.summary, run.stdout.replace(/^::add-mask::.*$/gm, '')].join(
      '\n',
    );
    expect(seen).toContain('bad key');
    expect(seen).not.toContain(apiKey);
    expect(seen).not.toContain(encodeURIComponent(apiKey));
    expect(seen.toLowerCase()).not.toContain(urlEncoded(apiKey).toLowerCase());
    expect(seen.toLowerCase()).not.toContain(jsonEscaped(apiKey, false).toLowerCase());
  });

  it('a mistyped server URL with user:password: the password is not echoed', async () => {
    const { server, inputs } = await connect(['k1']);
    const run = await runAction({ ...inputs, server: 'htps://user:S3cret@connect.example.com' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('server');
    expect([run.stdout, run.summary, run.outputsText].join('\n')).not.toContain('S3cret');
    expect(server.requests).toEqual([]);
  });
});
