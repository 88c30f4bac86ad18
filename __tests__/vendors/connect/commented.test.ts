// `pull-request` with no content item given: the inputs that allow it, and what the items of
// the pull request's comments come to (issue 25).
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { RawInputs } from '../../../src/settings/inputs.js';
import { parseSettings } from '../../../src/settings/settings.js';
import { listCommented } from '../../../src/vendors/connect/commented.js';
import type { PreviewSources } from '../../../src/vendors/connect/previews.js';
import { problemsOf } from '../../helpers/problems.js';
import { DEPLOYMENTS, deploymentToml, workspaces } from '../../helpers/workspace.js';

const GUID = '951bf3ad-82d0-4bca-bba8-9b27e35c49fa';
const SERVER = 'https://connect.example.com';
const inputs: RawInputs = {
  vendor: 'posit-connect',
  keys: 'all',
  'api-key': 'k',
  server: SERVER,
  'pull-request': '12',
};

const checkouts = workspaces();
afterEach(() => checkouts.removeAll());
const empty = () => ({ GITHUB_WORKSPACE: checkouts.checkout({}) });

describe('pull-request without a content item', () => {
  it('reads the items its deploy comments name when no target and no deployment file give one', () => {
    const settings = parseSettings(inputs, empty());
    expect(settings.target).toEqual({
      kind: 'commented',
      pull: 12,
      text: "the content items #12's deploy comments name",
    });
    expect(settings.notes).toEqual([]);
    // A deployment file's item is given, as in any run.
    const app = deploymentToml({ server_url: SERVER, id: GUID });
    const env = { GITHUB_WORKSPACE: checkouts.checkout({ [`${DEPLOYMENTS}/app.toml`]: app }) };
    expect(parseSettings(inputs, env).target.text).toBe(GUID);
  });

  it('still needs the server, and asks for it alone', () => {
    const { server: _, ...noServer } = inputs;
    const [problem = ''] = problemsOf(noServer, empty());
    expect(problem).toMatch(
      /^server: missing, and no Posit Publisher deployment file .* give `server` \(or env CONNECT_SERVER\)/,
    );
    expect(problemsOf(noServer, empty())).toHaveLength(1);
  });

  it('with explicit keys is refused for `pull-request`, not for the missing target', () => {
    const problems = problemsOf({ ...inputs, keys: 'abc' }, empty());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^pull-request: /);
  });
});

describe('the items of the comments', () => {
  it('are not looked for on a server without drafts: no comment is read, nothing listed', async () => {
    const comments = jest.fn(async () => ({ bundles: new Map(), ignored: new Map() }));
    const scan = jest.fn(async () => []);
    const sources = { version: '2024.08.0', server: SERVER, comments } as unknown as PreviewSources;
    expect(await listCommented(12, sources, false, scan)).toEqual({ listed: [], notices: [] });
    expect(comments).not.toHaveBeenCalled();
    expect(scan).not.toHaveBeenCalled();
  });
});
