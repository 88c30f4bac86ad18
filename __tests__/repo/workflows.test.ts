// The workflows cannot run here; what can be checked without a runner is checked: which jobs
// exist, on which runners, and that their scripts stay portable between Linux, macOS and
// Windows (Git Bash). actionlint.test.ts lints them, docs.test.ts checks the pins.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  strategy?: { matrix?: { os?: string[] } };
  defaults?: { run?: { shell?: string } };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;

/** Commands or options that exist only in GNU tools, or only on Linux runners. */
const NOT_PORTABLE = [
  [/\bseq\b/, 'seq'],
  [/\bsed\s+-i\b/, 'sed -i (BSD sed needs a suffix)'],
  [/\breadlink\s+-f\b/, 'readlink -f'],
  [/\bgrep\s+-\w*P/, 'grep -P'],
  [/\bdate\s+-d\b/, 'date -d'],
  [/\bnohup\b/, 'nohup'],
  [/\b(?:apt-get|sudo)\b/, 'apt-get/sudo'],
  [/\/proc\//, '/proc'],
] as const;

function portabilityProblems(job: Job): string[] {
  const problems: string[] = [];
  if (job.defaults?.run?.shell !== 'bash') problems.push('defaults.run.shell is not bash');
  for (const step of job.steps) {
    if (step.shell !== undefined && step.shell !== 'bash') problems.push(`shell ${step.shell}`);
    for (const [pattern, name] of NOT_PORTABLE) {
      if (step.run && pattern.test(step.run))
        problems.push(`${name} in: ${step.run.split('\n')[0]}`);
    }
  }
  return problems;
}

describe('CI', () => {
  const ci = workflow('ci.yml');

  it('runs the action itself on Linux, Windows and macOS', () => {
    const action = ci.jobs.action as Job;
    expect(action['runs-on']).toBe('${{ matrix.os }}');
    expect(action.strategy?.matrix?.os).toEqual([
      'ubuntu-latest',
      'windows-latest',
      'macos-latest',
    ]);
    expect(action.steps.some((step) => step.uses === './')).toBe(true);
  });

  it('keeps the scripts of that job portable: bash, nothing GNU-only', () => {
    expect(portabilityProblems(ci.jobs.action as Job)).toEqual([]);
  });

  it('the portability check catches a GNU-only tool and another shell', () => {
    const job: Job = {
      'runs-on': 'x',
      steps: [
        { run: 'for i in $(seq 1 3); do sed -i s/a/b/ f; done' },
        { run: 'dir', shell: 'cmd' },
      ],
    };
    expect(portabilityProblems(job)).toEqual([
      'defaults.run.shell is not bash',
      'seq in: for i in $(seq 1 3); do sed -i s/a/b/ f; done',
      'sed -i (BSD sed needs a suffix) in: for i in $(seq 1 3); do sed -i s/a/b/ f; done',
      'shell cmd',
    ]);
  });

  it('lints the workflows with actionlint', () => {
    const runs = (ci.jobs.actionlint as Job).steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toMatch(/download-actionlint\.bash\)\s+1\.7\.\d+/);
    expect(runs).toMatch('$ACTIONLINT');
  });
});

describe('CodeQL', () => {
  it('analyzes JavaScript and TypeScript on pushes, pull requests and weekly', () => {
    const codeql = workflow('codeql.yml');
    expect(Object.keys(codeql.on)).toEqual(['push', 'pull_request', 'schedule']);
    const steps = codeql.jobs.analyze?.steps ?? [];
    const init = steps.find((step) => step.uses?.startsWith('github/codeql-action/init@'));
    expect(init?.with?.languages).toBe('javascript-typescript');
    expect(steps.some((step) => step.uses?.startsWith('github/codeql-action/analyze@'))).toBe(true);
    expect(codeql.jobs.analyze?.permissions?.['security-events']).toBe('write');
  });
});

describe('the release workflow', () => {
  const release = workflow('release.yml');
  const runs = (job: string) =>
    (release.jobs[job]?.steps ?? []).map((step) => step.run ?? '').join('\n');

  it('runs on version tags only', () => {
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
  });

  it('publishes only after dist/, the tests and the version were checked', () => {
    expect(runs('check')).toMatch('npm run check-dist');
    expect(runs('check')).toMatch('npm test');
    expect(runs('check')).toMatch('node scripts/changelog-section.mjs "$TAG"');
    expect(release.jobs.publish?.needs).toBe('check');
    expect(runs('publish')).toMatch('node scripts/changelog-section.mjs "$TAG"');
    expect(runs('publish')).toMatch('gh release create "$TAG" --verify-tag');
    expect(runs('publish')).toMatch('git/refs/tags/$major');
  });

  it('publishes the package to npm after the same checks, signed by the run (provenance)', () => {
    expect(release.jobs.npm?.needs).toBe('check');
    expect(release.jobs.npm?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(runs('npm')).toMatch(/npm publish --provenance --access public --tag "\$dist_tag"/);
    expect(runs('npm')).toMatch('case "$TAG" in *-*) dist_tag=next ;; esac');
    // Only that job may ask for an OIDC token.
    const others = Object.entries(release.jobs).filter(([name]) => name !== 'npm');
    for (const [, job] of others) expect(job.permissions?.['id-token']).toBeUndefined();
  });
});

describe('issue forms', () => {
  const form = (name: string) =>
    parse(read(`.github/ISSUE_TEMPLATE/${name}`)) as {
      name: string;
      body: { type: string; id?: string; attributes: { label?: string; description?: string } }[];
    };

  it('ask a bug report for the vendor, the server version and the debug log of the step', () => {
    const fields = form('bug.yml').body.filter((field) => field.id);
    expect(fields.map((field) => field.id)).toEqual(
      expect.arrayContaining(['vendor', 'server-version', 'action-version', 'log']),
    );
    const log = fields.find((field) => field.id === 'log');
    expect(log?.attributes.description).toMatch('ACTIONS_STEP_DEBUG');
  });

  it('have a feature form and send security reports elsewhere', () => {
    expect(form('feature.yml').body.map((field) => field.id)).toEqual(
      expect.arrayContaining(['problem', 'proposal']),
    );
    const config = parse(read('.github/ISSUE_TEMPLATE/config.yml')) as {
      blank_issues_enabled: boolean;
      contact_links: { name: string }[];
    };
    expect(config.contact_links.map((link) => link.name)).toContain('Security problem');
  });
});
