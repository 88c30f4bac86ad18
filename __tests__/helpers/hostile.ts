// What a hostile server's text could make the runner or GitHub's Markdown renderer do, as
// lists of violations (empty = clean): the checks of the hostile-server matrix of issue 10
// (__tests__/action/hostile-*.test.ts).
import { expect } from '@jest/globals';
import type { Run } from './runs.js';

/** The mark hostile text carries, so a check can tell it from the action's own words. */
export const MARK = 'PWNED';

// The action's own commands; a group's name is the action's words, never server text.
const COMMANDS = new Set(['add-mask', 'debug', 'warning', 'error', 'notice', 'group', 'endgroup']);
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What the runner would act on in stdout, as a list of violations (empty = clean): `##[`
 * anywhere, a `::command` the action never issues, a mask or a property holding server text,
 * control characters, line breaks smuggled into a command's data, over-long lines.
 */
export function runnerViolations(stdout: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(stdout)) problems.push(`control character in stdout`);
  for (const line of stdout.split('\n')) {
    if (line.includes('##[')) problems.push(`##[ in: ${line.slice(0, 120)}`);
    if (line.length > 4000) problems.push(`line of ${line.length} characters`);
    const trimmed = line.trim();
    if (!trimmed.startsWith('::')) continue;
    const match = /^::([^ :]+)( [^:]*)?::(.*)$/.exec(trimmed);
    if (!match) {
      problems.push(`malformed command: ${trimmed.slice(0, 120)}`);
      continue;
    }
    const [, name = '', properties = '', data = ''] = match;
    if (!COMMANDS.has(name)) problems.push(`command ${name}: ${trimmed.slice(0, 120)}`);
    if (name === 'add-mask' && data.includes(MARK)) problems.push(`mask of server text`);
    if (name === 'group' && data.includes(MARK)) problems.push(`group named by server text`);
    if (properties.includes(MARK)) problems.push(`server text in properties: ${properties}`);
    const decoded = data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
    if (/[\r\n]\s*::/.test(decoded) || decoded.includes('\r'))
      problems.push(`line break into a command in: ${trimmed.slice(0, 120)}`);
  }
  return problems;
}

/** What GitHub's Markdown renderer could make of the summary outside its cells. */
export function summaryViolations(summary: string): string[] {
  const problems: string[] = [];
  if (CONTROL.test(summary)) problems.push('control character');
  if (/\n\s*\n/.test(summary.trimEnd())) problems.push('blank line');
  if (summary.includes('](') || summary.includes('![')) problems.push('Markdown link or image');
  if (summary.split('\n').some((line) => /^\s*#/.test(line))) problems.push('heading');
  if (/<img|<script/i.test(summary)) problems.push('HTML from the server');
  if (Buffer.byteLength(summary) >= 1024 * 1024) problems.push('summary of 1 MiB or more');
  return problems;
}

/** Neither the log nor the summary holds anything the runner or the renderer would act on. */
export function expectClean(run: Run): void {
  expect(runnerViolations(run.stdout)).toEqual([]);
  expect(summaryViolations(run.summary)).toEqual([]);
}
