import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import type { Problems } from '../../shared/problems.js';
import { quote, someOf, withoutUserinfo } from '../../shared/text.js';
import type { Found, Located } from '../vendor.js';
import { outsideWorkspace, shownPath, workspaceOf, type Workspace } from './workspace.js';

/** The input that names one deployment file when the workspace has several. */
export const DEPLOYMENT_FILE = 'deployment-file';
/** The common input naming the application's folder in the repository, as connect-actions'. */
export const PATH = 'path';
/** Where Posit Publisher keeps its deployment records, one TOML file per deployment. */
const DEPLOYMENTS = '.posit/publish/deployments';

/** What the inputs say before the deployment file is read. */
export interface Given {
  target: string;
  /** `server` or its environment fallback. */
  server: string;
  /** `deployment-file`, relative to `path`. */
  file: string;
  /** `path`: the application's folder in the repository ('' or `.`: the workspace itself). */
  path: string;
  /** False where the run can go without a content item (`pull-request`): none found is no problem. */
  targetNeeded: boolean;
}

/** A deployment file found: where it is, and how messages name it. */
interface DeploymentFile {
  path: string;
  shown: string;
}

/** Where the lookup happens: the workspace, and the application's folder in it. */
interface Place {
  workspace: Workspace;
  /** `path` resolved, absolute. */
  folder: string;
}

/**
 * `target` and `server` from Posit Publisher's deployment record (`id`, `server_url`), read
 * only when one of them is missing or `deployment-file` names a file. The record is looked up
 * as posit-dev/connect-actions does (its `config.py`): `deployment-file` relative to `path`,
 * else the one `*.toml` anywhere under `{path}/.posit/publish/deployments/`. Nothing outside
 * the workspace is read (workspace.ts). Explicit values win; only the missing ones are returned.
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
  const place = appFolder(workspaceOf(env), given.path || '.', problems);
  const needed = missing.filter((name) => name !== 'target' || given.targetNeeded);
  const file =
    place &&
    (given.file
      ? namedFile(place, given.file, problems)
      : onlyFile(place, missing, needed, problems));
  if (file === NONE) return { notes: [] };
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
  // A URL of the content may carry `user:password@`: never printed.
  const part = (input: string, field: string, found?: Found): string =>
    found
      ? `${input} ${withoutUserinfo(found.value)} from its ${field}`
      : `${input} as given (the inputs win)`;
  return `Deployment file ${file.shown}: ${part('target', 'id', target)}; ${part('server', 'server_url', server)}.`;
}

// Said where the workspace lacks what a checkout would have put there.
const CHECKOUT = 'is the repository checked out (actions/checkout) in an earlier step?';

/** `path`: a folder inside the workspace. */
function appFolder(workspace: Workspace, path: string, problems: Problems): Place | null {
  const folder = resolve(workspace.root, path);
  const outside = outsideWorkspace(workspace, folder);
  if (outside !== null) {
    problems.add(
      `${PATH}: got ${quote(path)}, ${outside}; give the application's folder in the repository`,
    );
    return null;
  }
  if (!isKind(folder, 'folder')) {
    problems.add(
      `${PATH}: got ${quote(path)}, but there is no such folder in the workspace ${workspace.root}; ${CHECKOUT}`,
    );
    return null;
  }
  return { workspace, folder };
}

/** The file `deployment-file` names, relative to `path`, inside the workspace. */
function namedFile(place: Place, name: string, problems: Problems): DeploymentFile | null {
  const path = resolve(place.folder, name);
  const outside = outsideWorkspace(place.workspace, path);
  if (outside !== null) {
    problems.add(
      `${DEPLOYMENT_FILE}: got ${quote(name)}, ${outside}; name a file in the repository, relative to \`${PATH}\``,
    );
    return null;
  }
  if (!isKind(path, 'file')) {
    problems.add(
      `${DEPLOYMENT_FILE}: got ${quote(name)}, but there is no such file under ${place.folder}; ${CHECKOUT}`,
    );
    return null;
  }
  return { path, shown: shownPath(place.workspace, path) };
}

/** No deployment file, and none needed: what is missing may stay so. */
const NONE = 'none';

/**
 * The one `*.toml` under `{path}/.posit/publish/deployments/`, searched in its subfolders too
 * (connect-actions' `rglob`, which does not descend into linked folders either), when there is
 * exactly one; NONE when there is none and nothing `missing` is `needed`.
 */
function onlyFile(
  place: Place,
  missing: string[],
  needed: string[],
  problems: Problems,
): DeploymentFile | null | typeof NONE {
  const dir = resolve(place.folder, DEPLOYMENTS);
  const found = deploymentFiles(dir, problems);
  if (found === null) return null;
  const names = found.map((path) => relative(dir, path).split(sep).join('/'));
  const [only] = found;
  if (only !== undefined && found.length === 1) {
    const outside = outsideWorkspace(place.workspace, only);
    const shown = shownPath(place.workspace, only);
    if (outside === null) return { path: only, shown };
    problems.add(`${DEPLOYMENT_FILE}: ${shown} is ${outside}; it is not read`);
    return null;
  }
  if (names.length === 0 && needed.length === 0) return NONE;
  // Without a file, only what is needed is asked for.
  const asked = names.length === 0 ? needed : missing;
  const inputs = asked
    .map((name) => (name === 'server' ? '`server` (or env CONNECT_SERVER)' : `\`${name}\``))
    .join(' and ');
  const checkout = existsSync(dir) ? '' : `; ${CHECKOUT}`;
  problems.add(
    names.length === 0
      ? `${asked.join(' and ')}: missing, and no Posit Publisher deployment file (${DEPLOYMENTS}/*.toml) under ${place.folder} to read ${asked.length === 1 ? 'it' : 'them'} from; give ${inputs}${checkout}`
      : `${DEPLOYMENT_FILE}: missing, and ${DEPLOYMENTS} under ${place.folder} has ${names.length} deployment files (${someOf(names)}); name the one of this content in \`${DEPLOYMENT_FILE}\`, or give ${inputs}`,
  );
  return null;
}

/** The `*.toml` files under `dir` and its subfolders, sorted; none when it is absent. */
function deploymentFiles(dir: string, problems: Problems): string[] | null {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.toml') && !entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => isKind(path, 'file'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    problems.add(`${DEPLOYMENT_FILE}: cannot list ${dir}: ${(error as Error).message}`);
    return null;
  }
}

function isKind(path: string, kind: 'file' | 'folder'): boolean {
  try {
    const stat = statSync(path);
    return kind === 'file' ? stat.isFile() : stat.isDirectory();
  } catch {
    // Absent or unreadable: the caller says so, the same way.
    return false;
  }
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
