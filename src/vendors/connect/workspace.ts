import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The checked-out repository on a runner (GITHUB_WORKSPACE), else the working directory: the
 * only place a deployment file is read from. A file outside it (`..`, an absolute path, a
 * symbolic link a pull request planted) is never read: its content could reach the log
 * through a parse error.
 */
export interface Workspace {
  /** As the environment names it. */
  root: string;
  /** With its own symbolic links resolved, what a resolved path is compared with. */
  real: string;
}

export function workspaceOf(env: NodeJS.ProcessEnv): Workspace {
  const root = resolve(env.GITHUB_WORKSPACE || process.cwd());
  return { root, real: realOrNull(root) ?? root };
}

/**
 * Why `path` (absolute) is outside the workspace, or null when it is inside: lexically, and
 * once its symbolic links are resolved (fs.realpath). A path that does not exist is inside
 * when its text is: nothing can be read there.
 */
export function outsideWorkspace(workspace: Workspace, path: string): string | null {
  if (!within(workspace.root, path) && !within(workspace.real, path)) {
    return `outside the workspace ${workspace.root}`;
  }
  const real = realOrNull(path);
  if (real !== null && !within(workspace.real, real)) {
    return `a symbolic link leading outside the workspace ${workspace.root} (to ${real})`;
  }
  return null;
}

/** A path for messages: relative to the workspace when it is inside, with `/` separators. */
export function shownPath(workspace: Workspace, path: string): string {
  const shown = within(workspace.root, path) ? relative(workspace.root, path) || '.' : path;
  return shown.split(sep).join('/');
}

function within(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest);
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    // Absent (or unreadable): the caller says so when it reads there.
    return null;
  }
}
