import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Problems } from '../../shared/problems.js';
import { quote, someOf } from '../../shared/text.js';
import type { Found, Located } from '../vendor.js';

/** The input that names one deployment file when the workspace has several. */
export const DEPLOYMENT_FILE = 'deployment-file';
/** Where Posit Publisher keeps its deployment records, one TOML file per deployment. */
const DEPLOYMENTS = '.posit/publish/deployments';

/** What the inputs say before the deployment file is read. */
export interface Given {
  target: string;
  /** `server` or its environment fallback. */
  server: string;
  /** `deployment-file`, relative to the workspace. */
  file: string;
}

/** A deployment file found: where it is, and how messages name it. */
interface DeploymentFile {
  path: string;
  shown: string;
}

/**
 * `target` and `server` from Posit Publisher's deployment record (`id`, `server_url`), read
 * only when one of them is missing or `deployment-file` names a file. The workspace is the
 * checked-out repository on a runner (GITHUB_WORKSPACE), else the working directory. Explicit
 * values win; only the missing ones are returned.
 */
export function locateDeployment(
  given: Given,
  env: NodeJS.ProcessEnv,
  problems: Problems,
): Located {
  const missing = [given.target === '' && 'target', given.server === '' && 'server'].filter(
    (name): name is string => name !== false,
  );
  if (given.file === '' && missing.length === 0) return { notes: [] };
  const root = env.GITHUB_WORKSPACE || process.cwd();
  const file = given.file
    ? namedFile(root, given.file, problems)
    : onlyFile(root, missing, problems);
  const record = file && readRecord(file, problems);
  if (!file || !record) return { failed: true, notes: [] };

  const field = (name: string, input: string): Found | undefined => {
    const value = record[name];
    if (typeof value === 'string' && value.trim() !== '') {
      return { value: value.trim(), from: `${file.shown}, field ${name}` };
    }
    problems.add(
      `${DEPLOYMENT_FILE}: ${file.shown} has no \`${name}\` (a string) to give \`${input}\`; deploy the content with Posit Publisher first, or give \`${input}\``,
    );
    return undefined;
  };
  if (missing.length > 0 && record.server_type === 'connect_cloud') {
    problems.add(
      `${DEPLOYMENT_FILE}: ${file.shown} records a deployment to Posit Connect Cloud (server_type connect_cloud), which has no jobs API for this action`,
    );
    return { failed: true, notes: [] };
  }
  const target = given.target === '' ? field('id', 'target') : undefined;
  const server = given.server === '' ? field('server_url', 'server') : undefined;
  const failed = (given.target === '' && !target) || (given.server === '' && !server);
  return { target, server, failed, notes: [describeSources(file, target, server)] };
}

/** The log line: which value came from the file, and that the given ones win. */
function describeSources(file: DeploymentFile, target?: Found, server?: Found): string {
  const part = (input: string, field: string, found?: Found): string =>
    found ? `${input} ${found.value} from its ${field}` : `${input} as given (the inputs win)`;
  return `Deployment file ${file.shown}: ${part('target', 'id', target)}; ${part('server', 'server_url', server)}.`;
}

/** The file `deployment-file` names, relative to the workspace. */
function namedFile(root: string, name: string, problems: Problems): DeploymentFile | null {
  const path = resolve(root, name);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    // Absent or unreadable: said below, the same way.
  }
  if (!isFile) {
    problems.add(`${DEPLOYMENT_FILE}: got ${quote(name)}, but there is no such file under ${root}`);
    return null;
  }
  return { path, shown: shownPath(root, path) };
}

/** The one `.posit/publish/deployments/*.toml` of the workspace, when there is exactly one. */
function onlyFile(root: string, missing: string[], problems: Problems): DeploymentFile | null {
  const dir = resolve(root, DEPLOYMENTS);
  let names: string[] = [];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.toml'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      problems.add(`${DEPLOYMENT_FILE}: cannot list ${dir}: ${(error as Error).message}`);
      return null;
    }
  }
  if (names.length === 1) {
    const path = resolve(dir, names[0] as string);
    return { path, shown: shownPath(root, path) };
  }
  const inputs = missing
    .map((name) => (name === 'server' ? '`server` (or env CONNECT_SERVER)' : `\`${name}\``))
    .join(' and ');
  problems.add(
    names.length === 0
      ? `${missing.join(' and ')}: missing, and no Posit Publisher deployment file (${DEPLOYMENTS}/*.toml) under ${root} to read ${missing.length === 1 ? 'it' : 'them'} from; give ${inputs}`
      : `${DEPLOYMENT_FILE}: missing, and ${DEPLOYMENTS} has ${names.length} deployment files (${someOf(names)}); name the one of this content in \`${DEPLOYMENT_FILE}\`, or give ${inputs}`,
  );
  return null;
}

/** The file's top-level table; null (with the problem recorded) when it is no TOML. */
function readRecord(file: DeploymentFile, problems: Problems): Record<string, unknown> | null {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    problems.add(`${DEPLOYMENT_FILE}: cannot read ${file.shown}: ${(error as Error).message}`);
    return null;
  }
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const [what] = error.message.split('\n');
    problems.add(
      `${DEPLOYMENT_FILE}: ${file.shown} is not valid TOML (line ${error.line}, column ${error.column}: ${what})`,
    );
    return null;
  }
}

/** A path for messages: relative to the workspace when it is inside, with `/` separators. */
function shownPath(root: string, path: string): string {
  const inside = relative(root, path);
  const shown = inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  return shown.split(sep).join('/');
}
