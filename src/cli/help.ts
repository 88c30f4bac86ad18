import { VERSION } from '../runtime/version.js';
import { VENDORS } from '../vendors/registry.js';
import { inputFlags, isBooleanInput, LIST_INPUTS } from './flags.js';
import DESCRIPTIONS from './descriptions.json' with { type: 'json' };

/** The first sentence of an input's action.yml description. */
function firstSentence(text: string): string {
  return /^.*?\.(?=\s|$)/.exec(text)?.[0] ?? text;
}

/** `--help`: every input's flag with its description's first sentence, and where keys come from. */
export function helpText(): string {
  const descriptions = DESCRIPTIONS as Record<string, string>;
  const flags = inputFlags().map((name) => {
    const flag = isBooleanInput(name) ? `--[no-]${name}` : `--${name} VALUE`;
    const more = LIST_INPUTS.includes(name) ? ' (may repeat)' : '';
    return `  ${flag.padEnd(26)} ${firstSentence(descriptions[name] ?? '')}${more}`;
  });
  return [
    `terminate-jobs ${VERSION}: the terminate-jobs GitHub Action as a command.`,
    '',
    'Usage: terminate-jobs --vendor VENDOR --target TARGET --keys KEYS [flags]',
    '',
    "Inputs (action.yml's, one flag each):",
    ...flags,
    '',
    `The API key: env ${VENDORS.map((v) => v.apiKeyEnv).join(' or ')}, or --api-key-file PATH`,
    '(the file wins; never on the command line). A GitHub token: env GITHUB_TOKEN or',
    '--github-token-file PATH.',
    '',
    'The command:',
    '  --api-key-file PATH        the API key, read from a file (a trailing newline trimmed)',
    '  --github-token-file PATH   a GitHub token, read from a file',
    '  --json                     stdout: one JSON object {"rows": [...]} (and "clusters")',
    '  --summary FILE             write the Markdown summary to FILE',
    '  --results-file FILE        write every row as JSON to FILE',
    '  --debug                    debug lines on stderr',
    '  --help, --version',
    '',
    'Exit codes: 0 done, 1 the run failed, 2 bad input (nothing sent), 130 SIGINT, 143 SIGTERM.',
    '',
  ].join('\n');
}
