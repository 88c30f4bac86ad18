// Issue 26, item 11: the messages for a newcomer's common mistakes point at the fix, and an
// input set under a variable the runner never reads (INPUT_DRY_RUN for `dry-run`) is warned of
// once instead of ignored. Run through dist/.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { workspaces } from '../helpers/workspace.js';

const OTHER_GUID = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';

const open = openSet();
const checkouts = workspaces();
afterEach(async () => {
  await open.closeAll();
  checkouts.removeAll();
});

type Run = Awaited<ReturnType<typeof runAction>>;

function lines(run: Run, command: string): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith(`::${command}`));
}

async function connectRun(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const connect = await open.keep(startConnect());
  const run = await runAction(
    {
      vendor: 'posit-connect',
      target: connect.guid,
      server: connect.server,
      'api-key': connect.apiKey,
      keys: 'all',
      retries: '0',
      ...inputs,
    },
    { env },
  );
  return { connect, run };
}

describe('mistake hints', () => {
  it('keys: "*" suggests `all`, nothing sent', async () => {
    const { connect, run } = await connectRun({ keys: '*' });
    expect(run.code).toBe(1);
    expect(lines(run, 'error')).toEqual([
      '::error::Invalid input: keys: "*" is not a job key; expected letters, digits, `-` and `_` (like k3sHkEoWJNwQim7g); for every active job give `all`',
    ]);
    expect(connect.requests).toEqual([]);
  });

  it('a server without a scheme suggests https://, nothing sent', async () => {
    const { connect, run } = await connectRun({ server: 'connect.example.com' });
    expect(run.code).toBe(1);
    expect(lines(run, 'error')).toEqual([
      '::error::Invalid input: server: got "connect.example.com", expected an http(s) URL like https://jobs.example.com (no query or fragment); did you mean "https://connect.example.com"?',
    ]);
    expect(connect.requests).toEqual([]);
  });

  it("Connect's 404 for the GUID of target says to check target", async () => {
    const { run } = await connectRun({ target: OTHER_GUID });
    expect(run.code).toBe(1);
    expect(lines(run, 'error')).toEqual([
      `::error::Could not list the jobs of content ${OTHER_GUID}: GET v1/content/${OTHER_GUID}/jobs answered HTTP 404, code 4: The requested object does not exist. No content item ${OTHER_GUID} is on this server, or the key cannot see it: check \`target\`.`,
    ]);
  });

  it('the same 404 when bundle: previous reads the active bundle', async () => {
    const { run } = await connectRun({ target: OTHER_GUID, bundle: 'previous' });
    expect(run.code).toBe(1);
    expect(lines(run, 'error')[0]).toMatch(
      new RegExp(
        `No content item ${OTHER_GUID} is on this server, or the key cannot see it: check \`target\`\\.$`,
      ),
    );
  });

  it('no deployment file in an empty workspace mentions actions/checkout, nothing sent', async () => {
    const empty = checkouts.checkout({});
    const { connect, run } = await connectRun({ target: '' }, { GITHUB_WORKSPACE: empty });
    expect(run.code).toBe(1);
    expect(lines(run, 'error')).toEqual([
      `::error::Invalid input: target: missing, and no Posit Publisher deployment file (.posit/publish/deployments/*.toml) under ${empty} to read it from; give \`target\`; is the repository checked out (actions/checkout) in an earlier step?`,
    ]);
    expect(connect.requests).toEqual([]);
  });

  it('INPUT_DRY_RUN where the input is dry-run: one warning, and the run is not dry', async () => {
    const { run } = await connectRun({}, { INPUT_DRY_RUN: 'true', INPUT_WAITTIMEOUT: '5' });
    expect(run.code).toBe(0);
    expect(run.outputs.terminated).toBe('2');
    expect(lines(run, 'warning')).toEqual([
      "::warning::Not read: INPUT_DRY_RUN (input `dry-run` is INPUT_DRY-RUN), INPUT_WAITTIMEOUT (input `wait-timeout` is INPUT_WAIT-TIMEOUT). A shell that drops or changes hyphens in variable names, or a hand-written `env:`, made them: give the input in `with:`, or set INPUT_DRY-RUN itself (`env 'INPUT_DRY-RUN=…' node dist/index.js` keeps the hyphen).",
    ]);
  });

  it('no warning when the variable repeats what the input says', async () => {
    const { run } = await connectRun({ 'dry-run': 'true' }, { INPUT_DRY_RUN: 'true' });
    expect(run.code).toBe(0);
    expect(lines(run, 'warning')).toEqual([]);
  });
});
