// The command with Xplenty's clusters: `--json` gives `"clusters"` beside `"rows"`, the table
// lists the cluster rows, and --results-file copies the file of both arrays.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSet } from '../fakes/setup.mjs';
import { startXplenty } from '../fakes/xplenty.mjs';
import { runCli } from './cli.mjs';

const open = openSet();
afterEach(open.closeAll);

async function xplenty() {
  const server = await open.keep(
    startXplenty({
      jobs: [{ id: 1, cluster_id: 7 }],
      clusters: [{ id: 7 }, { id: 10, status: 'idle' }],
    }),
  );
  const flags = ['--vendor', 'xplenty', '--target', server.account, '--server', server.server];
  return { server, flags, env: { XPLENTY_API_KEY: server.apiKey } };
}

describe('terminate-jobs --clusters', () => {
  it('--json gives the job rows and the cluster rows', async () => {
    const { flags, env } = await xplenty();
    const run = await runCli([...flags, '--keys', '1', '--clusters', 'emptied', '--json'], { env });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      rows: { id: number; outcome: string }[];
      clusters: { id: number; outcome: string }[];
    };
    expect(Object.keys(result)).toEqual(['rows', 'clusters']);
    expect(result.rows.map((row) => [row.id, row.outcome])).toEqual([[1, 'ended']]);
    expect(result.clusters.map((row) => [row.id, row.outcome])).toEqual([[7, 'terminated']]);
  });

  it('without --json the table lists the clusters too; --results-file has both arrays', async () => {
    const { flags, env } = await xplenty();
    const dir = mkdtempSync(join(tmpdir(), 'cli-clusters-'));
    const file = join(dir, 'rows.json');
    const run = await runCli(
      [...flags, '--keys', 'none', '--clusters', 'idle', '--results-file', file],
      { env },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^terminated\s+cluster 10$/m);
    expect(run.stdout).toContain('0 job(s); terminated 0, failed 0; 1 cluster(s)');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      jobs: unknown[];
      clusters: unknown[];
    };
    expect(saved.jobs).toEqual([]);
    expect(saved.clusters).toHaveLength(1);
  });
});
