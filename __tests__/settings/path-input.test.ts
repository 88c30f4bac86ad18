// The input `path` (issue 25): the application's folder in the repository, where the deployment
// file is looked up as posit-dev/connect-actions does (`deployment-file` relative to it, else the
// one `*.toml` anywhere under `{path}/.posit/publish/deployments/`). Run through dist/.
import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { openSet } from '../fakes/setup.mjs';
import { DEPLOYMENTS, deploymentToml, workspaces } from '../helpers/workspace.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const OTHER_GUID = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';

const open = openSet();
const checkouts = workspaces();
afterEach(async () => {
  await open.closeAll();
  checkouts.removeAll();
});

const checkout = (files: Record<string, string>): string => checkouts.checkout(files);

function errorLine(stdout: string): string {
  return stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
}

describe('path', () => {
  it("reads the deployment file of the application's folder, not the repository root's", async () => {
    const connect = await open.keep(startConnect());
    const dir = checkout({
      [`apps/shiny/${DEPLOYMENTS}/prod.toml`]: deploymentToml({
        server_url: connect.server,
        id: GUID,
      }),
      // The root has a record of another item: never read when `path` says where the app is.
      [`${DEPLOYMENTS}/other.toml`]: deploymentToml({ server_url: connect.server, id: OTHER_GUID }),
    });
    const run = await runAction(
      { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, path: 'apps/shiny' },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(0);
    expect(run.outputs.terminated).toBe('2');
    expect(run.stdout).toContain(
      `Deployment file apps/shiny/${DEPLOYMENTS}/prod.toml: target ${GUID} from its id; server ${connect.server} from its server_url.`,
    );
  });

  it('finds the one record in a subfolder of the deployments folder, as connect-actions does', async () => {
    const connect = await open.keep(startConnect());
    const dir = checkout({
      [`app/${DEPLOYMENTS}/connect/prod.toml`]: deploymentToml({
        server_url: connect.server,
        id: GUID,
      }),
    });
    const run = await runAction(
      { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, path: 'app/' },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Deployment file app/${DEPLOYMENTS}/connect/prod.toml: target`);
  });

  it('takes deployment-file relative to path', async () => {
    const connect = await open.keep(startConnect());
    const record = (id: string) => deploymentToml({ server_url: connect.server, id });
    const dir = checkout({
      [`app/${DEPLOYMENTS}/prod.toml`]: record(GUID),
      [`app/${DEPLOYMENTS}/staging.toml`]: record(OTHER_GUID),
    });
    const run = await runAction(
      {
        vendor: 'posit-connect',
        keys: 'all',
        'api-key': connect.apiKey,
        path: 'app',
        'deployment-file': `${DEPLOYMENTS}/prod.toml`,
      },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Deployment file app/${DEPLOYMENTS}/prod.toml: target ${GUID}`);
  });

  it('several records under path: an input error naming the folder and the files, nothing sent', async () => {
    const connect = await open.keep(startConnect());
    const record = (id: string) => deploymentToml({ server_url: connect.server, id });
    const dir = checkout({
      [`app/${DEPLOYMENTS}/prod.toml`]: record(GUID),
      [`app/${DEPLOYMENTS}/staging/staging.toml`]: record(OTHER_GUID),
    });
    const run = await runAction(
      { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, path: 'app' },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(1);
    expect(errorLine(run.stdout)).toBe(
      `::error::Invalid input: deployment-file: missing, and ${DEPLOYMENTS} under ${join(dir, 'app')} has 2 deployment files (prod.toml, staging/staging.toml); name the one of this content in \`deployment-file\`, or give \`target\` and \`server\` (or env CONNECT_SERVER)`,
    );
    expect(connect.requests).toEqual([]);
  });

  it('no record under path: an input error naming the folder, nothing sent', async () => {
    const connect = await open.keep(startConnect());
    const dir = checkout({
      [`${DEPLOYMENTS}/root.toml`]: deploymentToml({ server_url: connect.server, id: GUID }),
      'app/app.py': '',
    });
    const run = await runAction(
      { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, path: 'app' },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(1);
    expect(errorLine(run.stdout)).toContain(
      `target and server: missing, and no Posit Publisher deployment file (${DEPLOYMENTS}/*.toml) under ${join(dir, 'app')} to read them from`,
    );
    expect(connect.requests).toEqual([]);
  });

  it('a path that is no folder of the workspace: an input error, nothing sent', async () => {
    const connect = await open.keep(startConnect());
    const dir = checkout({ 'README.md': '' });
    const run = await runAction(
      { vendor: 'posit-connect', keys: 'all', 'api-key': connect.apiKey, path: 'nope' },
      { env: { GITHUB_WORKSPACE: dir } },
    );
    expect(run.code).toBe(1);
    expect(errorLine(run.stdout)).toBe(
      `::error::Invalid input: path: got "nope", but there is no such folder in the workspace ${dir}; is the repository checked out (actions/checkout) in an earlier step?`,
    );
    expect(connect.requests).toEqual([]);
  });

  it('is a shared input: Xplenty does not refuse it', async () => {
    const run = await runAction({
      vendor: 'xplenty',
      target: 'acme',
      keys: '305',
      'api-key': 'k',
      path: 'apps/etl',
      server: 'ftp://x',
    });
    expect(errorLine(run.stdout)).not.toContain('path');
    expect(errorLine(run.stdout)).toContain('server: got "ftp://x"');
  });
});
