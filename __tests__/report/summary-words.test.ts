// Issue 26, item 10: in the job summary the action's own sentences keep their code formatting
// (`<code>`), only outside text is escaped; when the run stops, the heading and the label of
// why say whether anything was terminated. Through dist/, against the fake Connect.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CONNECT_GUID, startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

const REFUSED = {
  code: 30,
  error: "We couldn't log you in with the provided credentials.",
  payload: null,
};

async function connectRun(inputs: Record<string, string>, options = {}) {
  const server = await open.keep(startConnect(options));
  return { server, run: (more: Record<string, string> = {}) => runWith(server, inputs, more) };
}

function runWith(
  server: { apiKey: string; server: string },
  inputs: Record<string, string>,
  more: Record<string, string>,
) {
  return runAction({
    vendor: 'posit-connect',
    'api-key': server.apiKey,
    server: server.server,
    target: CONNECT_GUID,
    retries: '0',
    ...inputs,
    ...more,
  });
}

describe("the summary's own words", () => {
  it('show their code spans as code, and a refused key says nothing was terminated', async () => {
    const { run } = await connectRun({ keys: 'all' });
    const { code, summary } = await run({ 'api-key': 'not-the-key' });
    expect(code).toBe(1);
    expect(summary).toContain(
      '<h2>❌ Step failed: the API key was refused, nothing was terminated</h2>',
    );
    expect(summary).toContain('<strong>Stopped before any job was terminated:</strong>');
    expect(summary).toContain('Signed in with the API key of input <code>api-key</code>.');
    expect(summary).not.toContain('&#96;');
    expect(summary).not.toContain('<strong>Stopped:</strong>');
  });

  it("keep the code of a row's own message, and escape the server's backtick", async () => {
    const { server, run } = await connectRun(
      { keys: 'all' },
      { jobs: [{ key: 'fineJob' }, { key: 'lockedJob' }, { key: 'not a key' }] },
    );
    server.inject({
      method: 'DELETE',
      path: '/jobs/lockedJob',
      kind: 'status',
      status: 500,
      body: { code: 1, error: 'database `jobs is locked <b>now</b>', payload: null },
    });
    const { summary } = await run();
    // The action's own message about a listed key that is no job key.
    expect(summary).toContain('(letters, digits, <code>-</code> and <code>_</code>)');
    // The server's words: its backtick and its markup stay text.
    expect(summary).toContain('database &#96;jobs is locked &#60;b&#62;now&#60;/b&#62;');
    expect(summary).not.toContain('<b>');
  });

  it('say how many kill orders were accepted when the key is refused mid-way', async () => {
    const { server, run } = await connectRun(
      { keys: 'firstJob,secondJob', concurrency: '1' },
      { jobs: [{ key: 'firstJob' }, { key: 'secondJob' }] },
    );
    server.inject({
      method: 'DELETE',
      path: '/jobs/secondJob',
      kind: 'status',
      status: 401,
      body: REFUSED,
    });
    const { code, summary } = await run();
    expect(code).toBe(1);
    expect(summary).toContain(
      '<h2>❌ Step failed: the API key was refused after 1 kill order was accepted</h2>',
    );
    expect(summary).toContain('<strong>Stopped after 1 kill order was accepted:</strong>');
  });

  it('keep the code spans of an input problem, and a quoted value cannot open one', async () => {
    const { run } = await connectRun({ keys: '`k1` `k2' });
    const { code, summary } = await run();
    expect(code).toBe(1);
    const problem = /<li>keys:.*?<\/li>/.exec(summary)?.[0] ?? '';
    // The values as they were typed, their backticks written \u0060 (and escaped as text).
    expect(problem).toContain('&#34;&#92;u0060k1&#92;u0060&#34;, &#34;&#92;u0060k2&#34;');
    expect(problem).toContain('letters, digits, <code>-</code> and <code>_</code>');
    expect(problem).not.toContain('<code>k1</code>');
  });
});
