// action.yml is what the Marketplace reads: checked against the schema of action-validator
// (a kept copy of SchemaStore's github-action schema, with GitHub's list of allowed icons).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

// CommonJS (wasm-bindgen's Node build): loaded through require, as its README shows.
const { validateAction } = createRequire(import.meta.url)(
  '@action-validator/core',
) as typeof import('@action-validator/core');

const text = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');

interface Problem {
  path?: string;
  title: string;
  detail?: string;
}

/**
 * The schema's problems with an action.yml. The schema of action-validator 0.6 predates
 * `node24` and lists only node12/16/20 for `runs.using`; GitHub runs node24 (the default since
 * June 2026). So `using: node24` is checked here by name, and the rest of the file against the
 * schema with node20 standing in: every other finding still counts.
 */
function metadataProblems(source: string): string[] {
  const problems: string[] = [];
  const using = (parse(source) as { runs?: { using?: unknown } }).runs?.using;
  if (using !== 'node24') problems.push(`/runs/using: expected node24, got ${String(using)}`);
  const checked = source.replace(/^(\s+using:\s*)['"]?node24['"]?\s*$/m, '$1node20');
  const state = validateAction(checked);
  for (const error of state.errors as Problem[]) {
    problems.push(`${error.path ?? ''}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`);
  }
  return problems;
}

describe('action.yml', () => {
  it('is valid Marketplace metadata that runs on node24', () => {
    expect(metadataProblems(text)).toEqual([]);
  });

  it('has an icon that fits "stop" and an author that is no placeholder', () => {
    const { author, branding } = parse(text) as {
      author: string;
      branding: { icon: string; color: string };
    };
    expect(['octagon', 'stop-circle', 'x-circle']).toContain(branding.icon);
    expect(author).toBe('terminate-jobs contributors');
  });

  it('the check catches an icon GitHub omits, a wrong runtime and an unknown key', () => {
    const broken = text
      .replace(/^ {2}icon: .*$/m, '  icon: x-octagon')
      .replace(/^ {2}using: .*$/m, '  using: node18')
      .replace(/^author: /m, 'writer: ');
    expect(broken).not.toBe(text);
    const problems = metadataProblems(broken).join('\n');
    expect(problems).toMatch('/branding/icon');
    expect(problems).toMatch('/runs/using: expected node24, got node18');
    expect(problems).toMatch("Additional property 'writer' is not allowed");
  });
});
