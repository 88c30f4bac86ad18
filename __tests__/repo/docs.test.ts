// The README, docs/ and the workflows are what users copy: these tests keep them true to
// action.yml, wherever the text lives (helpers/docs.ts names the files).
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { changelogSection } from '../../scripts/changelog-section.mjs';
import { parseSettings } from '../../src/settings/settings.js';
import { LIMITS, type RawInputs } from '../../src/settings/inputs.js';
import { findVendor, VENDORS } from '../../src/vendors/registry.js';
import { allDocs, readRepoFile as read, yamlExamples } from '../helpers/docs.js';
import { DEPLOYMENTS, deploymentToml, workspace } from '../helpers/workspace.js';

const root = new URL('../../', import.meta.url);

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}
interface ActionMetadata {
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string }>;
}
type Mapping = Record<string, unknown>;

const action = parse(read('action.yml')) as ActionMetadata;
const readme = read('README.md');

/** A Markdown table row as trimmed cells; null when the line is no table row. */
function tableRow(line: string): string[] | null {
  const text = line.trim();
  if (!text.startsWith('|') || !text.endsWith('|')) return null;
  return text
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** The body rows of the first table whose header row is exactly `header`. */
function markdownTable(markdown: string, header: string[]): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex(
    (line) => JSON.stringify(tableRow(line)) === JSON.stringify(header),
  );
  if (start === -1) throw new Error(`no table with the header | ${header.join(' | ')} |`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    const row = tableRow(line);
    if (!row) break;
    rows.push(row);
  }
  return rows;
}

/** `name` from a cell like `` `name` ``. */
function codeCell(cell: string): string {
  const match = /^`([^`]+)`$/.exec(cell);
  if (!match?.[1]) throw new Error(`expected a cell like \`name\`, got ${cell}`);
  return match[1];
}

/** The README's way to show a default: `—` for none, `''` for empty, else `` `value` ``. */
function defaultCell(cell: string): string | undefined {
  if (cell === '—') return undefined;
  const value = codeCell(cell);
  return value === "''" ? '' : value;
}

function readmeInputs(markdown: string) {
  return markdownTable(markdown, ['Input', 'Required', 'Default', 'Description']).map(
    ([name = '', required = '', fallback = '', description = '']) => ({
      name: codeCell(name),
      required: required === 'yes',
      default: defaultCell(fallback),
      description,
    }),
  );
}

function readmeOutputs(markdown: string) {
  return markdownTable(markdown, ['Output', 'Description']).map(
    ([name = '', description = '']) => ({
      name: codeCell(name),
      description,
    }),
  );
}

const expectedInputs = Object.entries(action.inputs).map(([name, input]) => ({
  name,
  required: input.required === true,
  default: input.default,
  description: input.description.trim(),
}));
const expectedOutputs = Object.entries(action.outputs).map(([name, output]) => ({
  name,
  description: output.description.trim(),
}));

describe('README tables', () => {
  it('list every input of action.yml in its order, with its required flag, default and description', () => {
    expect(readmeInputs(readme)).toEqual(expectedInputs);
  });

  it('list every output of action.yml in its order, with its description', () => {
    expect(readmeOutputs(readme)).toEqual(expectedOutputs);
  });

  it('notice a drifted default, a missing input and a changed description', () => {
    const drifted = readme
      .replace(/^(\| `concurrency` +\| no +\| )`8`/m, '$1`16`')
      .replace(/^\| `retries` .*\n/m, '')
      .replace('How many kill orders were accepted.', 'How many jobs were killed.');
    expect(drifted).not.toBe(readme);
    expect(readmeInputs(drifted)).not.toEqual(expectedInputs);
    expect(readmeInputs(drifted).find((input) => input.name === 'concurrency')?.default).toBe('16');
    expect(readmeInputs(drifted).map((input) => input.name)).not.toContain('retries');
    expect(readmeOutputs(drifted)).not.toEqual(expectedOutputs);
  });
});

describe('action.yml descriptions', () => {
  it.each(Object.entries(LIMITS))(
    'state the range of %s the code enforces',
    (name, { min, max }) => {
      expect(action.inputs[name]?.description).toContain(`${min} to ${max}`);
    },
  );
});

const THIS_ACTION = /^(?:[\w.-]+\/terminate-jobs@\S+|\.\/?)$/;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Step {
  job: string;
  step: Mapping;
  /** Workflow, job and step `env:`, later ones winning, as the runner merges them. */
  env: Record<string, string>;
  /** The job's permissions (its own, else the workflow's) grant `id-token: write`. */
  idToken: boolean;
}

function grantsIdToken(permissions: unknown): boolean {
  return (
    permissions === 'write-all' || (isMapping(permissions) && permissions['id-token'] === 'write')
  );
}

function stepsOf(workflow: unknown): Step[] {
  if (!isMapping(workflow) || !isMapping(workflow.jobs)) return [];
  const workflowEnv = isMapping(workflow.env) ? workflow.env : {};
  return Object.entries(workflow.jobs).flatMap(([job, body]) => {
    if (!isMapping(body) || !Array.isArray(body.steps)) return [];
    const jobEnv = isMapping(body.env) ? body.env : {};
    const idToken = grantsIdToken(body.permissions ?? workflow.permissions);
    return body.steps.filter(isMapping).map((step) => ({
      job,
      step,
      idToken,
      env: Object.fromEntries(
        Object.entries({ ...workflowEnv, ...jobEnv, ...(isMapping(step.env) ? step.env : {}) }).map(
          ([name, value]) => [name, String(value)],
        ),
      ),
    }));
  });
}

const usesThisAction = ({ step }: Step): boolean =>
  typeof step.uses === 'string' && THIS_ACTION.test(step.uses);

/**
 * What is wrong with one step that uses this action: `with:` keys action.yml does not declare,
 * missing required inputs, non-scalar values, and values the action itself would refuse
 * (checked by the action's own input parser, expressions stood in for by valid values).
 */
function stepProblems({ job, step, env, idToken }: Step): string[] {
  const where = `job ${job}, step ${String(step.id ?? step.name ?? step.uses)}`;
  const given = isMapping(step.with) ? step.with : {};
  const problems: string[] = [];
  for (const name of Object.keys(given)) {
    if (!(name in action.inputs)) problems.push(`${where}: unknown input \`${name}\``);
  }
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.required && !(name in given)) problems.push(`${where}: missing \`${name}\``);
  }
  for (const [name, value] of Object.entries(given)) {
    if (typeof value === 'object' && value !== null) {
      problems.push(`${where}: \`${name}\` must be a string, number or boolean`);
    }
  }
  if (problems.length > 0) return problems;

  // `${{ env.X }}` is resolved from the workflow; any other expression becomes a valid stand-in.
  const resolve = (value: string): string | null => {
    const reference = /^\$\{\{\s*env\.(\w+)\s*\}\}$/.exec(value.trim());
    if (reference?.[1] && env[reference[1]] !== undefined)
      return resolve(env[reference[1]] as string);
    return value.includes('${{') ? null : value;
  };
  const example = findVendor(resolve(String(given.vendor ?? '')) ?? '')?.example;
  const standIn: Record<string, string> = {
    ...example,
    'package-id': '103',
    'pull-request': '12',
    'github-token': 'a-token',
    'api-key': 'a-key',
    server: 'https://jobs.example.com',
  };
  const raw: RawInputs = {};
  for (const [name, value] of Object.entries(given)) {
    const resolved = resolve(String(value));
    const text = resolved ?? standIn[name];
    if (text === undefined) {
      problems.push(`${where}: cannot check \`${name}: ${String(value)}\` (no stand-in value)`);
    } else {
      raw[name as keyof RawInputs] = text;
    }
  }
  // The workflow's environment, as the vendors' fallbacks read it (`*_SERVER`, `*_API_KEY`).
  const fallbacks = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [
      name,
      resolve(value) ?? standIn[name.endsWith('_SERVER') ? 'server' : 'api-key'],
    ]),
  );
  // The runner offers an OIDC token only to a job granted `id-token: write`; a checked-out
  // repository of such a workflow has its deployment file.
  const runner = {
    GITHUB_WORKSPACE: checkedOut.dir,
    ...(idToken
      ? {
          ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc.example/t',
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt',
        }
      : {}),
  };
  try {
    parseSettings(raw, { ...fallbacks, ...runner });
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return problems;
}

const checkedOut = workspace({
  [`${DEPLOYMENTS}/app.toml`]: deploymentToml({
    server_url: 'https://connect.example.com',
    id: '951bf3ad-82d0-4bca-bba8-9b27e35c49fa',
  }),
});
afterAll(() => checkedOut.remove());

/** `steps.<id>.outputs.<name>` must name a step of this action and one of its outputs. */
function outputReferenceProblems(text: string, steps: Step[]): string[] {
  const ids = new Map(steps.map((s) => [String(s.step.id), usesThisAction(s)]));
  return [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].flatMap(([match, id, name]) => {
    if (!ids.has(id as string)) return [`${match}: no step has the id ${id}`];
    if (ids.get(id as string) && !((name as string) in action.outputs)) {
      return [`${match}: the action has no output ${name}`];
    }
    return [];
  });
}

const examples = yamlExamples();
const exampleCases = examples.map(({ where, text }) => [where, text] as const);

/**
 * What a recipe must set on every job: `timeout-minutes` (GitHub's default is 6 hours), and
 * `permissions` on the job or the workflow (without, the job gets the repository's defaults).
 */
function jobLimitProblems(workflow: unknown): string[] {
  if (!isMapping(workflow) || !isMapping(workflow.jobs)) return ['no jobs'];
  return Object.entries(workflow.jobs).flatMap(([job, body]) => {
    if (!isMapping(body)) return [`job ${job}: not a mapping`];
    const problems: string[] = [];
    if (typeof body['timeout-minutes'] !== 'number')
      problems.push(`job ${job}: no timeout-minutes`);
    if (body.permissions === undefined && workflow.permissions === undefined) {
      problems.push(`job ${job}: no permissions (on the job or the workflow)`);
    }
    return problems;
  });
}

describe('workflow examples of the README and docs/', () => {
  it('are there: two in the README, the recipes in docs/recipes.md', () => {
    const files = examples.map(({ where }) => where.split(',')[0]);
    expect(files.filter((file) => file === 'README.md').length).toBeGreaterThanOrEqual(2);
    expect(files.filter((file) => file === 'docs/recipes.md').length).toBeGreaterThanOrEqual(8);
  });

  it('are there, for every vendor', () => {
    const vendors = examples
      .flatMap(({ text }) => stepsOf(parse(text)))
      .filter(usesThisAction)
      .map(({ step }) => (isMapping(step.with) ? step.with.vendor : undefined));
    expect(vendors).toEqual(expect.arrayContaining(VENDORS.map((vendor) => vendor.name)));
  });

  it.each(exampleCases)('%s is a complete workflow that parses', (_, block) => {
    const document = parseDocument(block);
    expect(document.errors.map((error) => error.message)).toEqual([]);
    const workflow = document.toJS() as Mapping;
    expect(workflow).toHaveProperty('on');
    expect(stepsOf(workflow).length).toBeGreaterThan(0);
  });

  it.each(exampleCases)(
    '%s passes only declared inputs, the required ones, valid values, and reads declared outputs',
    (_, block) => {
      const steps = stepsOf(parse(block));
      expect(steps.filter(usesThisAction).length).toBeGreaterThan(0);
      expect([
        ...steps.filter(usesThisAction).flatMap(stepProblems),
        ...outputReferenceProblems(block, steps),
      ]).toEqual([]);
    },
  );

  it.each(exampleCases)('%s sets timeout-minutes and permissions on every job', (_, block) => {
    expect(jobLimitProblems(parse(block))).toEqual([]);
  });

  it('the job check catches a missing timeout-minutes and missing permissions', () => {
    const workflow = parse(`
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps: [{ run: echo }]
  b:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions: {}
    steps: [{ run: echo }]
`);
    expect(jobLimitProblems(workflow)).toEqual([
      'job a: no timeout-minutes',
      'job a: no permissions (on the job or the workflow)',
    ]);
    expect(jobLimitProblems({ ...(workflow as Mapping), permissions: {} })).toEqual([
      'job a: no timeout-minutes',
    ]);
  });

  it('the step check catches an unknown input, a missing one, a bad value and a wrong output', () => {
    const workflow = parse(`
on: push
env:
  GUID: not-a-guid
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - id: a
        uses: someone/terminate-jobs@v1
        with: { vendor: xplenty, api_key: x }
      - id: b
        uses: ./
        with: { vendor: connect, target: '\${{ env.GUID }}', keys: all, api-key: k, server: 'https://c.example' }
      - run: echo \${{ steps.b.outputs.killed }} \${{ steps.c.outputs.results }}
`);
    const steps = stepsOf(workflow);
    const problems = [
      ...steps.filter(usesThisAction).flatMap(stepProblems),
      ...outputReferenceProblems(JSON.stringify(workflow), steps),
    ].join('\n');
    expect(problems).toMatch('unknown input `api_key`');
    expect(problems).toMatch('missing `keys`');
    expect(problems).toMatch('target: got "not-a-guid"');
    expect(problems).toMatch('the action has no output killed');
    expect(problems).toMatch('no step has the id c');
  });
});

/**
 * The lines of Markdown prose longer than `max` characters, as `line N: length`: tables and
 * fenced code are left out (a table row is as wide as its widest cell; code is copied as is).
 */
function longProseLines(markdown: string, max: number): string[] {
  let fenced = false;
  return markdown.split('\n').flatMap((line, index) => {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || /^\s*```/.test(line) || /^\s*\|/.test(line) || line.length <= max) return [];
    return [`line ${index + 1}: ${line.length}`];
  });
}

describe('prose of the README, docs/ and the guides', () => {
  it.each(allDocs())(
    '%s has no line over 120 characters outside tables and code blocks',
    (file) => {
      expect(longProseLines(read(file), 120)).toEqual([]);
    },
  );

  it('the check catches a long line, and leaves tables and code alone', () => {
    const long = 'x'.repeat(121);
    const markdown = ['# T', long, `| ${long} |`, '```sh', long, '```', `  ${long}`].join('\n');
    expect(longProseLines(markdown, 120)).toEqual(['line 2: 121', 'line 7: 123']);
  });

  it('pins every third-party action of the examples to a commit SHA with its version', () => {
    const others = examples.map(({ text }) =>
      text.replace(/^(\s*(?:-\s+)?uses:\s*)OWNER\/terminate-jobs@v1\b/gm, '$1./'),
    );
    expect(others.flatMap(pinProblems)).toEqual([]);
    expect(others.join('\n')).toMatch(/uses: actions\/upload-artifact@[0-9a-f]{40} # v\d/);
  });
});

/** GitHub's anchor of a heading: its text lower-cased, punctuation dropped, spaces as `-`. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings, duplicates numbered as GitHub numbers them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading?.[1]) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/**
 * The relative links of a Markdown file (`[text](path#anchor)`, images too) that lead nowhere:
 * a file that does not exist, or an anchor that no heading of the target file has.
 */
function brokenLinks(
  file: string,
  markdown: string,
  repo: { exists(path: string): boolean; read(path: string): string },
): string[] {
  const prose = markdown.replace(/^\s*```[\s\S]*?^\s*```$/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].flatMap(([, target = '']) => {
    if (/^[a-z]+:/i.test(target)) return [];
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : normalize(join(dirname(file), path));
    if (path !== '' && !repo.exists(resolved)) return [`${file}: ${target}: no such file`];
    if (anchor === undefined || !resolved.endsWith('.md')) return [];
    return anchors(repo.read(resolved)).has(anchor) ? [] : [`${file}: ${target}: no such heading`];
  });
}

const repository = { exists: (path: string) => existsSync(new URL(path, root)), read };

describe('links of the README, docs/ and the guides', () => {
  it.each(allDocs())('%s links only to files and headings that exist', (file) => {
    expect(brokenLinks(file, read(file), repository)).toEqual([]);
  });

  it('the link check catches a missing file and a missing heading, and knows GitHub anchors', () => {
    const files: Record<string, string> = {
      'docs/a.md': '# A\n\n## Deploy with `x/y`, then stop\n\n## Waiting\n\n## Waiting\n',
    };
    const markdown = [
      '[ok](#deploy-with-xy-then-stop) [ok](#waiting-1) [ok](../README.md) [ok](https://x.example)',
      '[bad](#nothing) [bad](../missing.md) [bad](a.md#waiting-2)',
    ].join('\n');
    const repo = {
      exists: (path: string) => path in files || path === 'README.md',
      read: (path: string) => files[path] ?? '',
    };
    expect(brokenLinks('docs/a.md', markdown, repo)).toEqual([
      'docs/a.md: #nothing: no such heading',
      'docs/a.md: ../missing.md: no such file',
      'docs/a.md: a.md#waiting-2: no such heading',
    ]);
  });
});

describe('CHANGELOG', () => {
  // The first release's section lists every input and output it had; an input or output added
  // since is named where it was added (Unreleased, until its release).
  const version = (JSON.parse(read('package.json')) as { version: string }).version;
  const firstRelease = changelogSection(read('CHANGELOG.md'), version);
  const sinceThen = `${firstRelease}\n${changelogSection(read('CHANGELOG.md'), 'Unreleased')}`;

  it.each([...Object.keys(action.inputs), ...Object.keys(action.outputs)])(
    "names `%s` of action.yml in the section of package.json's version, or in Unreleased",
    (name) => {
      expect(sinceThen).toContain(`\`${name}\``);
    },
  );

  it('says that every active job takes `keys: all`, never that it takes no keys', () => {
    expect(firstRelease).toContain('`keys: all` is the only way');
    expect(firstRelease).not.toMatch(/with no `keys`/);
  });
});

const WORKFLOW_DIR = '.github/workflows/';
const workflowFiles = readdirSync(new URL(WORKFLOW_DIR, root))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `${WORKFLOW_DIR}${name}`);

/** Every third-party `uses:` must be `owner/repo[/path]@<40-hex SHA> # v…`. */
function pinProblems(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].flatMap(([, uses, rest]) => {
    const target = (uses as string).replace(/^['"]|['"]$/g, '');
    if (target.startsWith('./') || target === '.' || target.startsWith('docker://')) return [];
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(target)) {
      return [`${target}: not pinned to a full commit SHA`];
    }
    // An action with no release yet (connect-actions) names the branch and the commit's date.
    const version = /#\s*(v\d|[\w.-]+ of \d{4}-\d{2}-\d{2}, unreleased)/;
    if (!version.test(rest ?? '')) return [`${target}: no "# vX" comment naming the version`];
    return [];
  });
}

describe('workflow files', () => {
  it('exist', () => {
    expect(workflowFiles).toContain('.github/workflows/ci.yml');
  });

  it.each(workflowFiles)('%s parses as a workflow', (file) => {
    const document = parseDocument(read(file));
    expect(document.errors.map((error) => error.message)).toEqual([]);
    const workflow = document.toJS() as Mapping;
    expect(workflow).toHaveProperty('on');
    expect(stepsOf(workflow).length).toBeGreaterThan(0);
  });

  it.each(workflowFiles)('%s pins every third-party action to a commit SHA', (file) => {
    expect(pinProblems(read(file))).toEqual([]);
  });

  it.each(workflowFiles)('%s gives `uses: ./` only declared, valid inputs', (file) => {
    const text = read(file);
    const steps = stepsOf(parse(text));
    expect([
      ...steps.filter(usesThisAction).flatMap(stepProblems),
      ...outputReferenceProblems(text, steps),
    ]).toEqual([]);
  });

  it('CI runs the action itself, for every vendor', () => {
    const steps = stepsOf(parse(read('.github/workflows/ci.yml'))).filter(
      ({ step }) => step.uses === './',
    );
    const vendors = steps.map(({ step }) => (isMapping(step.with) ? step.with.vendor : null));
    expect(vendors).toEqual(expect.arrayContaining(VENDORS.map((vendor) => vendor.name)));
  });

  it('the pin check catches a tag, a short SHA and a missing version comment', () => {
    const problems = pinProblems(`
    steps:
      - uses: actions/checkout@v6
      - uses: actions/setup-node@2028fbc
      - uses: actions/upload-artifact@b7c566a772e6b6bfb58ed0dc250532a479d7789f
      - uses: ./
      - uses: actions/cache@0057852bfaa89a56745cba8c7296529d2fc39830 # v4.3.0
`);
    expect(problems).toEqual([
      'actions/checkout@v6: not pinned to a full commit SHA',
      'actions/setup-node@2028fbc: not pinned to a full commit SHA',
      'actions/upload-artifact@b7c566a772e6b6bfb58ed0dc250532a479d7789f: no "# vX" comment naming the version',
    ]);
  });

  it('Dependabot updates npm and GitHub Actions, grouped', () => {
    const document = parseDocument(read('.github/dependabot.yml'));
    expect(document.errors).toEqual([]);
    const config = document.toJS() as { version: number; updates: Mapping[] };
    expect(config.version).toBe(2);
    const ecosystems = config.updates.map((update) => update['package-ecosystem']);
    expect(ecosystems).toEqual(expect.arrayContaining(['npm', 'github-actions']));
    for (const update of config.updates) {
      expect(isMapping(update.groups) && Object.keys(update.groups).length > 0).toBe(true);
    }
  });
});
