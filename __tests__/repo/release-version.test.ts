// Issue 26, item 13: the version is written once (package.json), and the release check accepts
// it: the tag v<version> has its CHANGELOG section; the code reads the version at build time.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { VERSION } from '../../src/runtime/version.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const { version } = JSON.parse(read('package.json')) as { version: string };

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const release = parse(read('.github/workflows/release.yml')) as {
  jobs: Record<string, { steps: Step[] }>;
};
const versionCheck = Object.values(release.jobs)
  .flatMap((job) => job.steps)
  .find((step) => step.env?.TAG !== undefined && step.run?.includes('changelog-section'));

/** The release workflow's own check, run here as the runner runs it, for tag `tag`. */
function releaseCheck(tag: string): { code: number; output: string } {
  try {
    const output = execFileSync('bash', ['-e', '-c', versionCheck?.run ?? 'exit 99'], {
      cwd: root,
      env: { ...process.env, TAG: tag },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: failed.stdout + failed.stderr };
  }
}

describe('the release check', () => {
  it('is a step of the release workflow that reads the tag and the changelog', () => {
    expect(versionCheck?.run).toContain('package.json');
  });

  it(`accepts the tag of package.json's version, v${version}`, () => {
    expect(releaseCheck(`v${version}`)).toEqual({ code: 0, output: '' });
  });

  it('refuses a tag that is not the version of package.json', () => {
    const run = releaseCheck('v9.9.9');
    expect(run.code).toBe(1);
    expect(run.output).toContain(`tag v9.9.9, but package.json says version ${version}`);
  });

  it('has a dated CHANGELOG heading for the version', () => {
    expect(read('CHANGELOG.md')).toMatch(
      new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'),
    );
  });
});

describe('the version, written once', () => {
  it('is what the code reads', () => {
    expect(VERSION).toBe(version);
  });

  it('is stated in no source file: the bundle takes it from package.json', () => {
    const sources = readdirSync(new URL('src/', root), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .filter((file) => read(`src/${file}`).includes(`'${version}'`));
    expect(sources).toEqual([]);
  });

  it('is in the committed bundle, for the User-Agent', () => {
    expect(read('dist/index.js')).toContain(`"${version}"`);
  });
});
