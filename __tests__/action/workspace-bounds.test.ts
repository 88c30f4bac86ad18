// Issue 26, item 6: the deployment file is read only inside the workspace. `..`, an absolute
// path elsewhere, and a symbolic link leading out (of `deployment-file`, of `path`, of the one
// record found) are input errors before the file is read: nothing of it reaches the log, and
// nothing is sent. Run through dist/.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { DEPLOYMENTS, deploymentToml, workspaces } from '../helpers/workspace.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
// What a file outside the workspace holds: not TOML, so a read would print it in the parse error.
const SECRET_LINE = 'ghp_outsideTheWorkspace0123456789 = = =';

const open = openSet();
const checkouts = workspaces();
afterEach(async () => {
  await open.closeAll();
  checkouts.removeAll();
});

/** A workspace (`repo/`) beside a folder outside it (`outside/`) holding a file that must not be read. */
function layout(files: Record<string, string> = {}) {
  const dir = checkouts.checkout({ 'outside/secret.toml': SECRET_LINE, 'outside/app/app.py': '' });
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  return { repo, outside: join(dir, 'outside') };
}

async function run(inputs: Record<string, string>, repo: string) {
  const connect = await open.keep(startConnect());
  const result = await runAction(
    { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, ...inputs },
    { env: { GITHUB_WORKSPACE: repo } },
  );
  expect(result.code).toBe(1);
  expect(connect.requests).toEqual([]);
  expect(result.stdout + result.summary).not.toContain('ghp_outsideTheWorkspace');
  return result.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
}

describe('the deployment file stays inside the workspace', () => {
  it('deployment-file with `..` out of the workspace is an input error', async () => {
    const { repo } = layout();
    expect(await run({ 'deployment-file': '../outside/secret.toml' }, repo)).toBe(
      `::error::Invalid input: deployment-file: got "../outside/secret.toml", outside the workspace ${repo}; name a file in the repository, relative to \`path\``,
    );
  });

  it('deployment-file as an absolute path outside the workspace is an input error', async () => {
    const { repo, outside } = layout();
    const file = join(outside, 'secret.toml');
    expect(await run({ 'deployment-file': file }, repo)).toBe(
      `::error::Invalid input: deployment-file: got ${JSON.stringify(file)}, outside the workspace ${repo}; name a file in the repository, relative to \`path\``,
    );
  });

  it('deployment-file that is a symbolic link leading out is an input error', async () => {
    const { repo, outside } = layout({ 'README.md': '' });
    symlinkSync(join(outside, 'secret.toml'), join(repo, 'app.toml'));
    expect(await run({ 'deployment-file': 'app.toml' }, repo)).toBe(
      `::error::Invalid input: deployment-file: got "app.toml", a symbolic link leading outside the workspace ${repo} (to ${realpathSync(join(outside, 'secret.toml'))}); name a file in the repository, relative to \`path\``,
    );
  });

  it('the one record found, a symbolic link leading out, is not read', async () => {
    const { repo, outside } = layout();
    mkdirSync(join(repo, DEPLOYMENTS), { recursive: true });
    symlinkSync(join(outside, 'secret.toml'), join(repo, DEPLOYMENTS, 'app.toml'));
    expect(await run({}, repo)).toBe(
      `::error::Invalid input: deployment-file: ${DEPLOYMENTS}/app.toml is a symbolic link leading outside the workspace ${repo} (to ${realpathSync(join(outside, 'secret.toml'))}); it is not read`,
    );
  });

  it('path with `..` out of the workspace is an input error', async () => {
    const { repo } = layout();
    expect(await run({ path: '../outside/app' }, repo)).toBe(
      `::error::Invalid input: path: got "../outside/app", outside the workspace ${repo}; give the application's folder in the repository`,
    );
  });

  it('path that is a symbolic link leading out is an input error', async () => {
    const { repo, outside } = layout({ 'README.md': '' });
    symlinkSync(join(outside, 'app'), join(repo, 'app'));
    expect(await run({ path: 'app', 'deployment-file': '../secret.toml' }, repo)).toBe(
      `::error::Invalid input: path: got "app", a symbolic link leading outside the workspace ${repo} (to ${realpathSync(join(outside, 'app'))}); give the application's folder in the repository`,
    );
  });

  it('a `..` that stays inside the workspace is read', async () => {
    const connect = await open.keep(startConnect());
    const { repo } = layout({
      'deploy/app.toml': deploymentToml({ server_url: connect.server, id: GUID }),
      'app/app.py': '',
    });
    const result = await runAction(
      {
        vendor: 'posit-connect',
        keys: 'all',
        'api-key': connect.apiKey,
        path: 'app',
        'deployment-file': '../deploy/app.toml',
      },
      { env: { GITHUB_WORKSPACE: repo } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Deployment file deploy/app.toml: target ${GUID} from its id`);
  });
});
