// Issue 26, item 8: inputs quoted in messages never carry a URL's `user:password@` (targets,
// keys, the deployment file's `id`), as `server` already does; the `target` error names the
// token that is wrong, made visible, not the start of the input. Run through dist/.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { DEPLOYMENTS, deploymentToml, workspaces } from '../helpers/workspace.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const PASSWORD = 'S3cretPassw0rd';
const withUser = (url: string) => url.replace('://', `://deployer:${PASSWORD}@`);

const open = openSet();
const checkouts = workspaces();
afterEach(async () => {
  await open.closeAll();
  checkouts.removeAll();
});

type Run = Awaited<ReturnType<typeof runAction>>;

/** Everything a user or a later step can see. */
function visible(run: Run): string {
  return [run.stdout, run.stderr, run.outputsText, run.summary].join('\n');
}

function errorLine(run: Run): string {
  return run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
}

async function refused(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const connect = await open.keep(startConnect());
  const run = await runAction(
    { vendor: 'posit-connect', server: connect.server, 'api-key': connect.apiKey, ...inputs },
    { env },
  );
  expect(run.code).toBe(1);
  expect(connect.requests).toEqual([]);
  expect(visible(run)).not.toContain(PASSWORD);
  return errorLine(run);
}

describe('quoted inputs', () => {
  it('`all` among other targets: the error names `all`, and the URL beside it keeps its password', async () => {
    const url = withUser(`https://connect.example.com/connect/#/apps/${GUID}`);
    expect(await refused({ keys: 'all', target: `all ${url}` })).toMatch(
      /^::error::Invalid input: target: got "all", expected /,
    );
  });

  it('a key that is a URL with userinfo is quoted without it', async () => {
    const line = await refused({ target: GUID, keys: withUser('https://connect.example.com/k') });
    expect(line).toContain('keys: "https://***@connect.example.com/k" is not a job key');
  });

  it("the deployment file's id with userinfo: neither the error nor the log line carries it", async () => {
    const url = withUser(`https://connect.example.com/connect/#/apps/${GUID}`);
    const bad = checkouts.checkout({
      [`${DEPLOYMENTS}/app.toml`]: deploymentToml({ id: `all ${url}` }),
    });
    expect(await refused({ keys: 'all' }, { GITHUB_WORKSPACE: bad })).toMatch(
      /^::error::Invalid input: target \(from .*app\.toml, field id\): got "all", expected /,
    );

    const connect = await open.keep(startConnect());
    const good = checkouts.checkout({ [`${DEPLOYMENTS}/app.toml`]: deploymentToml({ id: url }) });
    const run = await runAction(
      { vendor: 'posit-connect', server: connect.server, 'api-key': connect.apiKey, keys: 'all' },
      { env: { GITHUB_WORKSPACE: good } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `target https://***@connect.example.com/connect/#/apps/${GUID} from its id`,
    );
    expect(visible(run)).not.toContain(PASSWORD);
  });

  it('the target error names the bad token whole, zero-width characters shown, wherever it is', async () => {
    const hidden = `${GUID.slice(0, 8)}\u200b${GUID.slice(8)}`;
    const many = Array.from({ length: 6 }, () => GUID).join(' ');
    expect(await refused({ keys: 'all', target: `${many}, ${hidden}` })).toMatch(
      new RegExp(
        `^::error::Invalid input: target: got "${GUID.slice(0, 8)}\\\\u200b${GUID.slice(8)}", expected `,
      ),
    );
  });
});
