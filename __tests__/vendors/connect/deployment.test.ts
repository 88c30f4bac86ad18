// Target and server from Posit Publisher's deployment file, and the draft URL of a preview.
import { afterEach, describe, expect, it } from '@jest/globals';
import { parseSettings } from '../../../src/settings/settings.js';
import type { RawInputs } from '../../../src/settings/inputs.js';
import { parseTargets } from '../../../src/vendors/connect/targets.js';
import { startConnect } from '../../fakes/connect.mjs';
import { runAction } from '../../fakes/runner.mjs';
import { openSet } from '../../fakes/setup.mjs';
import { problemsOf } from '../../helpers/problems.js';
import { DEPLOYMENTS, deploymentToml, workspace } from '../../helpers/workspace.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const OTHER_GUID = '0c6f1b64-3f7e-4b1f-9e7a-1d2c3b4a5f60';
const SERVER = 'https://connect.example.com';
const inputs: RawInputs = { vendor: 'posit-connect', keys: 'all', 'api-key': 'k' };

const open = openSet();
const removals: (() => void)[] = [];
afterEach(async () => {
  await open.closeAll();
  removals.splice(0).forEach((remove) => remove());
});

/** A workspace with these deployment files (name -> TOML), as GITHUB_WORKSPACE. */
function withDeployments(files: Record<string, string>): Record<string, string> {
  const checkout = workspace(
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [`${DEPLOYMENTS}/${name}`, text]),
    ),
  );
  removals.push(checkout.remove);
  return { GITHUB_WORKSPACE: checkout.dir };
}

const app = deploymentToml({ server_url: SERVER, id: GUID });

describe('the deployment file', () => {
  it('gives target and server when both are empty, and the log says so', () => {
    const settings = parseSettings(inputs, withDeployments({ 'app.toml': app }));
    expect(settings.target.text).toBe(GUID);
    expect(settings.apiBase.href).toBe(`${SERVER}/__api__/`);
    expect(settings.notes).toEqual([
      `Deployment file ${DEPLOYMENTS}/app.toml: target ${GUID} from its id; server ${SERVER} from its server_url.`,
    ]);
  });

  it('loses to the inputs and to CONNECT_SERVER, and says which value came from where', () => {
    const env = withDeployments({ 'app.toml': app });
    const settings = parseSettings({ ...inputs, target: OTHER_GUID }, env);
    expect(settings.target.text).toBe(OTHER_GUID);
    expect(settings.notes).toEqual([
      `Deployment file ${DEPLOYMENTS}/app.toml: target as given (the inputs win); server ${SERVER} from its server_url.`,
    ]);
    const fromEnv = parseSettings(inputs, { ...env, CONNECT_SERVER: 'https://other.example.com' });
    expect(fromEnv.apiBase.href).toBe('https://other.example.com/__api__/');
    expect(fromEnv.target.text).toBe(GUID);
  });

  it('is not read when target and server are given and no deployment-file is named', () => {
    const env = withDeployments({ 'broken.toml': 'id = ' });
    const settings = parseSettings({ ...inputs, target: GUID, server: SERVER }, env);
    expect(settings.notes).toEqual([]);
  });

  it('several files: an error naming them, unless deployment-file picks one', () => {
    const other = deploymentToml({ server_url: 'https://staging.example.com', id: OTHER_GUID });
    const env = withDeployments({ 'prod.toml': app, 'staging.toml': other });
    expect(problemsOf(inputs, env)).toEqual([
      `deployment-file: missing, and ${DEPLOYMENTS} under ${env.GITHUB_WORKSPACE} has 2 deployment files (prod.toml, staging.toml); name the one of this content in \`deployment-file\`, or give \`target\` and \`server\` (or env CONNECT_SERVER)`,
    ]);
    const staging = parseSettings(
      { ...inputs, 'deployment-file': `${DEPLOYMENTS}/staging.toml` },
      env,
    );
    expect([staging.target.text, staging.apiBase.origin]).toEqual([
      OTHER_GUID,
      'https://staging.example.com',
    ]);
  });

  it('no file: an error naming the inputs and where it looked', () => {
    const env = withDeployments({});
    expect(problemsOf({ ...inputs, server: SERVER }, env)).toEqual([
      `target: missing, and no Posit Publisher deployment file (${DEPLOYMENTS}/*.toml) under ${env.GITHUB_WORKSPACE} to read it from; give \`target\`; is the repository checked out (actions/checkout) in an earlier step?`,
    ]);
    expect(problemsOf({ ...inputs, 'deployment-file': 'nope.toml' }, env)).toEqual([
      `deployment-file: got "nope.toml", but there is no such file under ${env.GITHUB_WORKSPACE}; is the repository checked out (actions/checkout) in an earlier step?`,
    ]);
  });

  it('a field missing, not a GUID, or not TOML: an error naming the file and the field', () => {
    const noId = withDeployments({ 'app.toml': deploymentToml({ server_url: SERVER }) });
    expect(problemsOf(inputs, noId)).toEqual([
      `deployment-file: ${DEPLOYMENTS}/app.toml has no \`id\` (a string) to give \`target\`; deploy the content with Posit Publisher first, or give \`target\``,
    ]);
    const badId = withDeployments({ 'app.toml': deploymentToml({ server_url: SERVER, id: 'x1' }) });
    expect(problemsOf(inputs, badId)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^target \\(from ${DEPLOYMENTS}/app\\.toml, field id\\): got "x1", expected the content GUID`,
        ),
      ),
    ]);
    const badUrl = withDeployments({
      'app.toml': deploymentToml({ server_url: 'ftp://x', id: GUID }),
    });
    expect(problemsOf(inputs, badUrl)).toEqual([
      expect.stringMatching(
        /^server \(from .*app\.toml, field server_url\): got "ftp:\/\/x", expected an http\(s\) URL/,
      ),
    ]);
    const notToml = withDeployments({ 'app.toml': `${app}\nid = [` });
    expect(problemsOf(inputs, notToml)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^deployment-file: ${DEPLOYMENTS}/app\\.toml is not valid TOML \\(line \\d+, column \\d+: Invalid TOML document`,
        ),
      ),
    ]);
  });

  it('a deployments folder that is no folder, and an audience with a space: input errors', () => {
    const checkout = workspace({ '.posit/publish/deployments': 'a file, not a folder' });
    removals.push(checkout.remove);
    expect(problemsOf(inputs, { GITHUB_WORKSPACE: checkout.dir })).toEqual([
      expect.stringMatching(/^deployment-file: cannot list .*deployments: ENOTDIR/),
    ]);
    expect(
      problemsOf({ ...inputs, target: GUID, server: SERVER, audience: 'my audience' }, {}),
    ).toEqual([
      'audience: got "my audience", expected the audience of the content\'s trusted publisher (printable characters without spaces, like connect)',
    ]);
  });

  it('a Posit Connect Cloud deployment is refused', () => {
    const cloud = app.replace("server_type = 'connect'", "server_type = 'connect_cloud'");
    expect(problemsOf(inputs, withDeployments({ 'app.toml': cloud }))).toEqual([
      `deployment-file: ${DEPLOYMENTS}/app.toml records a deployment to Posit Connect Cloud (server_type connect_cloud), which has no jobs API for this action`,
    ]);
  });

  it('Xplenty reads no deployment file, and refuses the input', () => {
    expect(
      problemsOf(
        {
          vendor: 'xplenty',
          target: 'acme',
          keys: 'all',
          'api-key': 'k',
          'deployment-file': 'a.toml',
        },
        withDeployments({ 'app.toml': app }),
      ),
    ).toEqual(['deployment-file: only for vendor posit-connect; not read for xplenty']);
  });

  it('dist: a run with neither target nor server terminates the jobs of the recorded content', async () => {
    const server = await open.keep(startConnect());
    const env = withDeployments({
      'app.toml': deploymentToml({ server_url: server.server, id: GUID }),
    });
    const run = await runAction({ ...inputs, 'api-key': server.apiKey }, { env });
    expect(run.code).toBe(0);
    expect(run.outputs.terminated).toBe('2');
    expect(run.stdout).toContain(
      `Deployment file ${DEPLOYMENTS}/app.toml: target ${GUID} from its id; server ${server.server} from its server_url.`,
    );
  });
});

describe('a draft URL in target', () => {
  const draft = `${SERVER}/rsc/connect/#/apps/${GUID}/draft/127016`;

  it('gives the GUID, and its bundle narrows keys: all unless bundle is given', () => {
    expect(parseTargets(draft)).toMatchObject({ items: [{ guid: GUID, drafts: ['127016'] }] });
    const access = parseTargets(`${SERVER}/connect/#/apps/${GUID}/access`);
    expect(access).toMatchObject({ items: [{ guid: GUID, drafts: [] }] });
    const settings = parseSettings({ ...inputs, target: draft, server: SERVER });
    expect(settings.target.text).toBe(GUID);
    expect(settings.configured.options).toMatchObject({ bundle: { kind: 'id', id: '127016' } });
    const given = parseSettings({ ...inputs, target: draft, server: SERVER, bundle: 'previous' });
    expect(given.configured.options).toMatchObject({ bundle: { kind: 'previous' } });
    const keys = parseSettings({ ...inputs, target: draft, server: SERVER, keys: 'abc' });
    expect(keys.configured.options).toMatchObject({ bundle: null });
  });

  it("dist: only the draft bundle's jobs are terminated, and the log says why", async () => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'liveJob', bundle: '127015' },
          { key: 'previewJob', bundle: '127016' },
        ],
      }),
    );
    const run = await runAction({
      ...inputs,
      'api-key': server.apiKey,
      server: server.server,
      target: `${server.server}/connect/#/apps/${GUID}/draft/127016`,
    });
    expect(run.code).toBe(0);
    expect(run.rows.map((row: { job_key: string }) => row.job_key)).toEqual(['previewJob']);
    expect(server.job('liveJob')?.status).toBe(0);
    expect(run.stdout).toContain(
      'target is a draft of bundle 127016: only the jobs on bundle 127016 are selected (`bundle` chooses otherwise).',
    );
    expect(run.stdout).toContain(
      'Found 2 active job(s); 1 is not on bundle 127016 and is left alone.',
    );
  });
});
