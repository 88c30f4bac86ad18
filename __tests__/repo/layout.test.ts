// The layout's promises: defaults have one source (action.yml), every input is declared there,
// and nothing outside a vendor's own folder names a vendor.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { parse } from 'yaml';
import { DEFAULTS, inputNames, Inputs } from '../../src/settings/inputs.js';
import { parseSettings } from '../../src/settings/settings.js';
import { OUTCOMES } from '../../src/shared/rows.js';
import { VENDORS } from '../../src/vendors/registry.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const action = parse(read('action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
};

describe('one source of defaults', () => {
  it('the code declares every input of action.yml, and no other', () => {
    expect(inputNames().sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it.each(Object.values(Inputs))("the code's default of %s is action.yml's", (name) => {
    expect(DEFAULTS[name]).toBe(action.inputs[name]?.default ?? '');
  });

  it.each(VENDORS.flatMap((v) => v.ownInputs.map((name) => [v.name, name])))(
    "%s's own input %s has no default in action.yml: absent means not used",
    (_vendor, name) => {
      expect(action.inputs[name as string]?.default ?? '').toBe('');
    },
  );

  it("parseSettings applies action.yml's default when the input is empty", () => {
    for (const vendor of VENDORS) {
      const seconds = Number(DEFAULTS['poll-interval']);
      const settings = parseSettings({
        vendor: vendor.name,
        target: vendor.example.target,
        keys: 'all',
        'api-key': 'k',
        server: 'https://example.com',
      });
      expect(settings.pollIntervalMs).toBe(seconds * 1000);
    }
  });
});

describe('one vendor, one place', () => {
  const shared = sourceFiles().filter((file) => !file.startsWith('vendors/'));
  const names = VENDORS.flatMap((v) => [v.name, ...v.aliases, v.title, v.apiKeyEnv]);

  // The tools and tests every vendor shares read the vendors' own modules and fakes, so a new
  // vendor needs no change here (CONTRIBUTING → A new vendor).
  const tools = [
    'scripts/fakes.mjs',
    '__tests__/fakes/setup.mjs',
    '__tests__/repo/layout.test.ts',
    '__tests__/fakes/runner.mjs',
  ];

  it.each([...shared.map((file) => `src/${file}`), ...tools])('%s names no vendor', (file) => {
    // HTTP's own CONNECT method (a proxy tunnel) is not a vendor's name.
    const text = read(file).replace(/\bCONNECT\b/g, 'TUNNEL');
    for (const name of names) {
      expect(text).not.toMatch(new RegExp(`\\b${name.replace(/-/g, '\\-')}\\b`, 'i'));
    }
  });

  it('no two vendors answer to the same name', () => {
    const all = VENDORS.flatMap((v) => [v.name, ...v.aliases]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('every outcome says whether it fails the run, is an accepted order, and is waited on', () => {
    for (const meaning of Object.values(OUTCOMES)) {
      expect(Object.keys(meaning).sort()).toEqual(['accepted', 'failure', 'waitedOn']);
    }
    // Only an accepted order is waited on: a wait never polls a job it did not stop.
    for (const meaning of Object.values(OUTCOMES)) {
      if (meaning.waitedOn) expect(meaning.accepted).toBe(true);
    }
  });
});

/** Every .ts file under src/, as a path relative to src/ ('execute/wait.ts'). */
function sourceFiles(): string[] {
  const src = new URL('src/', root);
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split('\\').join('/'))
    .sort();
}

/** The src/ files a file imports (type imports and dynamic imports included). */
function importsOf(file: string): string[] {
  const text = read(`src/${file}`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const dir = new URL(`src/${file}`, root);
  return (
    specifiers
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => new URL(spec.replace(/\.js$/, '.ts'), dir).pathname)
      // package.json (the version, inlined by the build) is the one import from outside src/.
      .filter((path) => path.startsWith(new URL('src/', root).pathname))
      .map((path) => path.slice(new URL('src/', root).pathname.length))
  );
}

// The map of the house (CONTRIBUTING → Layout), from the top down: a file imports only from
// its own layer or those below it.
const LAYERS = [
  'index.ts',
  'local-action.ts',
  'cli/',
  'main.ts',
  'settings/',
  'execute/',
  'report/',
];
const LOWER = ['vendors/', 'github/', 'shared/', 'http/', 'runtime/'];
const layerOf = (file: string): number => {
  const order = [...LAYERS, ...LOWER];
  return order.findIndex((layer) => file === layer || file.startsWith(layer));
};

describe('the house', () => {
  const files = sourceFiles();
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('every file of src/ is in a layer of the map', () => {
    expect(files.filter((file) => layerOf(file) < 0)).toEqual([]);
  });

  it('no import points up the map', () => {
    const upward = [...graph].flatMap(([from, tos]) =>
      tos.filter((to) => layerOf(to) < layerOf(from)).map((to) => `${from} -> ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('a phase imports no other phase: main ties them together', () => {
    const phases = ['settings/', 'execute/', 'report/'];
    const phaseOf = (file: string) => phases.find((phase) => file.startsWith(phase));
    const across = [...graph].flatMap(([from, tos]) =>
      tos
        .filter((to) => phaseOf(from) && phaseOf(to) && phaseOf(from) !== phaseOf(to))
        .map((to) => `${from} -> ${to}`),
    );
    expect(across).toEqual([]);
  });

  it("a vendor imports vendors/, github/, shared/ and http/ only, and never another vendor's folder", () => {
    const wrong = [...graph].flatMap(([from, tos]) => {
      const own = /^vendors\/([^/]+)\//.exec(from)?.[1];
      if (!from.startsWith('vendors/')) return [];
      return tos
        .filter((to) => {
          const other = /^vendors\/([^/]+)\//.exec(to)?.[1];
          const allowed = ['vendors/', 'github/', 'shared/', 'http/'].some((layer) =>
            to.startsWith(layer),
          );
          return !allowed || (own !== undefined && other !== undefined && other !== own);
        })
        .filter((to) => from !== 'vendors/registry.ts' || !to.startsWith('vendors/'))
        .map((to) => `${from} -> ${to}`);
    });
    expect(wrong).toEqual([]);
  });

  it('github/ imports shared/, http/ and runtime/ only: it knows no vendor and no phase', () => {
    const wrong = [...graph].flatMap(([from, tos]) =>
      from.startsWith('github/')
        ? tos
            .filter(
              (to) =>
                !['github/', 'shared/', 'http/', 'runtime/'].some((layer) => to.startsWith(layer)),
            )
            .map((to) => `${from} -> ${to}`)
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('no import cycle, type imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const to of graph.get(file) ?? []) {
        if (state.get(to) === 'open')
          cycles.push([...path.slice(path.indexOf(to)), to].join(' -> '));
        else if (!state.has(to)) visit(to);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('no file of src/ is over 300 lines', () => {
    const long = files.filter((file) => read(`src/${file}`).split('\n').length > 300);
    expect(long).toEqual([]);
  });
});
