// The run's log in groups (issue 24): each phase folded under a name for people, its one-line
// result after the group, so the collapsed log still tells the story. Through dist/index.js.
import { afterEach, describe, expect, it } from '@jest/globals';
import { startConnect } from '../fakes/connect.mjs';
import { runAction } from '../fakes/runner.mjs';
import { inputsFor, openSet } from '../fakes/setup.mjs';

const open = openSet();
afterEach(open.closeAll);

/** The log as a person sees it collapsed: group names and the lines outside any group. */
function collapsed(stdout: string): string[] {
  const shown: string[] = [];
  let depth = 0;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::group::')) {
      if (depth === 0) shown.push(`▸ ${line.slice('::group::'.length)}`);
      depth++;
    } else if (line.startsWith('::endgroup::')) depth--;
    else if (depth === 0 && line !== '' && !/^::(add-mask|debug)::/.test(line)) shown.push(line);
  }
  return shown;
}

/** The lines inside the group whose name starts with `name`. */
function inside(stdout: string, name: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`::group::${name}`));
  const end = lines.indexOf('::endgroup::', start);
  const shown = start < 0 ? [] : lines.slice(start + 1, end);
  return shown.filter((line) => !line.startsWith('::debug::'));
}

describe('the log in groups', () => {
  it('keys: all with a wait and logs: four groups, each with its result after it', async () => {
    const server = await open.keep(
      startConnect({
        jobs: [
          { key: 'stuckJob00000001', stopAfterMs: 600_000, log: ['first', '::warning::not ours'] },
          { key: 'quickJob00000001' },
        ],
      }),
    );
    const run = await runAction(
      inputsFor(server, {
        keys: 'all',
        wait: 'true',
        'wait-timeout': '1',
        'poll-interval': '0.2',
        'log-lines': '5',
      }),
    );
    const story = collapsed(run.stdout);
    const groups = story.filter((line) => line.startsWith('▸ '));
    expect(groups).toEqual([
      '▸ Choose jobs',
      '▸ Terminate 2 job(s)',
      '▸ Wait up to 1 s for 2 job(s) to stop',
      '▸ Last log lines',
    ]);
    const after = (group: string) => story[story.indexOf(group) + 1];
    expect(after('▸ Choose jobs')).toMatch(/^Found 2 active job\(s\)/);
    expect(after('▸ Terminate 2 job(s)')).toBe('Kill orders: 2 terminated.');
    expect(after('▸ Wait up to 1 s for 2 job(s) to stop')).toMatch(/^1 of 2 jobs ended in/);
    expect(after('▸ Last log lines')).toMatch(/^Read the last log lines of 1 of 1 job\(s\)/);
    // The job's lines are in its group, the server's `::` made harmless.
    const logs = inside(run.stdout, 'Last log lines');
    expect(logs).toEqual(['stuckJob00000001: 2 log line(s)', '  first', '  : :warning::not ours']);
  });

  it('a dry run names the jobs it would stop, in its group, and counts them after it', async () => {
    const server = await open.keep(
      startConnect({ jobs: [{ key: 'jobA000000000001' }, { key: 'jobB000000000001' }] }),
    );
    const run = await runAction(inputsFor(server, { keys: 'all', 'dry-run': 'true' }));
    expect(run.code).toBe(0);
    const story = collapsed(run.stdout);
    expect(story).toContain('▸ Dry run: look at 2 job(s)');
    expect(story[story.indexOf('▸ Dry run: look at 2 job(s)') + 1]).toBe(
      'Dry run: 2 dry-run; nothing was sent.',
    );
    expect(inside(run.stdout, 'Dry run')).toEqual([
      'jobA000000000001: dry-run (status active)',
      'jobB000000000001: dry-run (status active)',
    ]);
  });
});
