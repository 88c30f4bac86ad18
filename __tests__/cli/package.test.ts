// The command as a package and a bundle: what `npm pack` ships, what check-dist covers, and
// that its flags and --help follow action.yml input for input.
import { describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { distProblems, nccCommands } from '../../scripts/check-dist.mjs';
import { descriptions } from '../../scripts/cli-descriptions.mjs';
import { inputFlags, SECRET_INPUTS } from '../../src/cli/flags.js';
import { runCli } from './cli.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  private?: boolean;
  scripts: { bundle: string };
};
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string }>;
};

describe('the package', () => {
  it('is publishable and declares the command as its bin', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.bin).toEqual({ 'terminate-jobs': 'dist/cli/index.js' });
  });

  it('npm pack ships the bundles, the licences and the README, and no test', () => {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }),
    ) as { files: { path: string }[] }[];
    const files = packed[0]?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/cli/index.js',
        'dist/index.js',
        'dist/licenses.txt',
        'LICENSE',
        'README.md',
        'package.json',
      ]),
    );
    const chunks = readFileSync(join(root, 'dist/cli/index.js'), 'utf8').match(/\d+\.index\.js/g);
    for (const chunk of chunks ?? []) expect(files).toContain(`dist/cli/${chunk}`);
    expect(files.filter((file) => /__tests__|\.test\.|^src\/|^bench\//.test(file))).toEqual([]);
  });

  it("npm publish, with the release workflow's flags, would publish the same files", async () => {
    // A loopback registry that knows no package: publish asks it whether the version exists
    // (GET /terminate-jobs) even in a dry run; the real registry is never contacted.
    const asked: string[] = [];
    const registry = createServer((request, response) => {
      asked.push(`${request.method} ${request.url}`);
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    const { port } = registry.address() as AddressInfo;
    const release = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8');
    const flags = /npm publish (--provenance --access public) --tag "\$dist_tag"/.exec(release);
    try {
      const { stdout } = await promisify(execFile)(
        'npm',
        ['publish', '--dry-run', '--json', '--access', 'public', '--tag', 'latest'],
        { cwd: root, env: { ...process.env, npm_config_registry: `http://127.0.0.1:${port}/` } },
      );
      const published = JSON.parse(stdout) as Record<string, { files: { path: string }[] }>;
      const files = published['terminate-jobs']?.files.map((file) => file.path) ?? [];
      expect(files).toEqual(expect.arrayContaining(['dist/cli/index.js', 'dist/index.js']));
      expect(files.filter((file) => /__tests__|\.test\.|^src\/|^bench\//.test(file))).toEqual([]);
    } finally {
      registry.close();
    }
    expect(flags?.[1]).toBe('--provenance --access public');
    expect(asked).toContain('GET /terminate-jobs');
  });

  it('its bin starts with a shebang, so npx can run it', () => {
    expect(readFileSync(join(root, pkg.bin['terminate-jobs'] ?? ''), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });
});

describe('the bundle of the command', () => {
  it('npm run bundle builds it into dist/cli/, after the action, which stays in dist/', () => {
    expect(nccCommands(pkg.scripts.bundle)).toEqual([
      expect.stringMatching(/^ncc build src\/index\.ts -o dist /),
      expect.stringMatching(/^ncc build src\/cli\/index\.ts -o dist\/cli /),
    ]);
  });

  it('check-dist compares the files of dist/cli/ too', () => {
    const folder = (content: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'dist-check-'));
      mkdirSync(join(dir, 'cli'));
      writeFileSync(join(dir, 'index.js'), 'action');
      writeFileSync(join(dir, 'cli', 'index.js'), content);
      return dir;
    };
    expect(distProblems(folder('command'), folder('command'))).toEqual([]);
    expect(distProblems(folder('older command'), folder('command'))).toEqual([
      'dist/ differs from a fresh bundle: cli/index.js. Run `npm run bundle` and commit dist/.',
    ]);
  });
});

describe("flags and --help follow action.yml's inputs", () => {
  it('one flag per input of action.yml, but the secrets', () => {
    const expected = Object.keys(action.inputs).filter((name) => !SECRET_INPUTS.includes(name));
    expect(inputFlags().sort()).toEqual(expected.sort());
    expect(inputFlags()).not.toContain('api-key');
  });

  it('the descriptions --help carries are those of action.yml now', () => {
    const carried = JSON.parse(readFileSync(join(root, 'src/cli/descriptions.json'), 'utf8'));
    expect(carried).toEqual(descriptions(root));
  });

  it('--help names every flag with its description, and where the key comes from', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const name of inputFlags()) {
      const first = /^.*?\.(?=\s|$)/.exec(action.inputs[name]?.description ?? '')?.[0] ?? '';
      expect(run.stdout).toMatch(
        new RegExp(`--(\\[no-\\])?${name}\\b.* ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
    }
    expect(run.stdout).not.toMatch(/--api-key\b(?!-file)/);
    expect(run.stdout).toContain('--api-key-file PATH');
    expect(run.stdout).toContain('CONNECT_API_KEY');
  });

  it('--version prints the release of package.json', async () => {
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: '1.0.0\n', stderr: '' });
  });
});

describe('on an older Node', () => {
  // The first Node on PATH older than engines' (v20 here: npm puts Node 24 first, so look at all).
  const older =
    execFileSync('sh', ['-c', 'which -a node || true'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .find((node) => Number(/^v(\d+)/.exec(versionOf(node))?.[1]) < 24) ?? '';
  const version = older ? versionOf(older) : '';
  const run = older ? it : it.skip;

  run('refuses to run, naming the version it needs, with no stack trace', async () => {
    const result = await runCli(['--vendor', 'connect', '--keys', 'all'], { node: older });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `terminate-jobs: needs Node >=24 (package.json engines); this is Node ${version.slice(1)}. Nothing was sent.\n`,
    );
  });
});

function versionOf(node: string): string {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}
