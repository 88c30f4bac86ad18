// Two recipes of docs/recipes.md checked beyond actionlint (issue 26 item 12): the nightly
// watchdog needs no GitHub token, so it grants none; the Xplenty re-run sends the "Run Job"
// request as Integrate.io's current API reference documents it, a JSON object with
// `cluster_id` and `package_id` as numbers (the v1 form fields `job[cluster_id]=…` are gone).
// The re-run's script really runs, with bash and jq, against a `curl` that only records.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { readRepoFile, yamlBlocks } from '../helpers/docs.js';

type Workflow = {
  permissions?: unknown;
  jobs: Record<string, { permissions?: unknown; env?: Record<string, unknown>; steps: Step[] }>;
};
type Step = { name?: string; run?: string; env?: Record<string, string> };

/** The one workflow of the recipe under the heading `## <title>`. */
function recipe(title: string): Workflow {
  const section = readRepoFile('docs/recipes.md')
    .split(/^## /m)
    .find((s) => s.startsWith(title));
  const blocks = yamlBlocks(section ?? '');
  expect(blocks).toHaveLength(1);
  return parse(blocks[0] as string) as Workflow;
}

const onPath = (tool: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, tool)));

describe('recipes', () => {
  it('the nightly watchdog grants no permission at all, on the workflow or a job', () => {
    const watchdog = recipe('Nightly watchdog');
    expect(watchdog.permissions).toEqual({});
    for (const job of Object.values(watchdog.jobs)) expect(job.permissions).toBeUndefined();
  });

  (onPath('jq') ? it : it.skip)(
    "the Xplenty re-run POSTs Run Job's JSON body, the ids as numbers (skipped without jq)",
    () => {
      const { rerun } = recipe('Xplenty: terminate, wait, then redeploy').jobs;
      const step = rerun?.steps.find((s) => s.name === 'Run the package again');
      const dir = mkdtempSync(join(tmpdir(), 'recipe-'));
      try {
        // A curl that records its arguments and what it was sent, and answers nothing.
        const curl = join(dir, 'curl');
        writeFileSync(
          curl,
          `#!/bin/bash\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/body"\n`,
        );
        chmodSync(curl, 0o755);
        const env = Object.fromEntries(
          Object.entries(rerun?.env ?? {}).map(([name, value]) => [name, String(value)]),
        );
        // As a runner runs a `run:` step of `shell: bash`.
        writeFileSync(join(dir, 'step.sh'), step?.run ?? 'false');
        const script = join(dir, 'step.sh');
        const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
          encoding: 'utf8',
          env: {
            PATH: `${dir}${delimiter}${process.env.PATH}`,
            ...env,
            XPLENTY_API_KEY: 'xplenty-key',
            STOPPED: '305',
          },
        });
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
        const args = readFileSync(join(dir, 'args'), 'utf8').split('\n');
        expect(args).toEqual(
          expect.arrayContaining([
            'POST',
            `https://api.xplenty.com/${env.ACCOUNT}/api/jobs`,
            'xplenty-key:',
            'Content-Type: application/json',
            'Accept: application/vnd.xplenty+json; version=2',
          ]),
        );
        expect(JSON.parse(readFileSync(join(dir, 'body'), 'utf8'))).toEqual({
          cluster_id: Number(env.CLUSTER_ID),
          package_id: Number(env.PACKAGE_ID),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
