import { logSafe, oneLine } from './text.js';

/**
 * The part of @actions/core the action uses: index.ts hands in @actions/core itself, tests a
 * plain object of their own.
 */
export interface ActionsCore {
  getInput(name: string): string;
  setSecret(secret: string): void;
  setOutput(name: string, value: unknown): void;
  setFailed(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
  /** See Log.status; @actions/core has none (a runner's log is not a terminal). */
  status?(line: string): void;
  summary: { addRaw(text: string): { write(): Promise<unknown> } };
}

/** Where the phases report progress (@actions/core fits). */
export interface Log {
  info(message: string): void;
  /** A line the runner also shows as an annotation; absent, an info line. */
  warning?(message: string): void;
  /** Folds the lines until `endGroup` in the runner's log; absent, they stay flat. */
  startGroup?(name: string): void;
  endGroup?(): void;
  /**
   * How a long phase stands, in one line that replaces the one before ('' clears it): for a
   * person at a terminal. Absent, nowhere: the log lines already say it, less often.
   */
  status?(line: string): void;
}

/**
 * A phase with its lines folded under `name` (named for people: "Terminate 37 jobs"); the
 * caller prints the phase's one-line result after it, so the collapsed log still tells the
 * story.
 */
export async function inGroup<T>(log: Log, name: string, work: () => Promise<T>): Promise<T> {
  log.startGroup?.(name);
  try {
    return await work();
  } finally {
    log.endGroup?.();
  }
}

/**
 * The log and annotations are read by the runner as commands: whatever a message holds
 * (server text included), it passes through text.ts on its way there.
 */
export function guardedLog(core: ActionsCore): ActionsCore {
  return {
    getInput: (name) => core.getInput(name),
    setSecret: (secret) => core.setSecret(secret),
    setOutput: (name, value) => core.setOutput(name, value),
    setFailed: (message) => core.setFailed(logSafe(message)),
    info: (message) => core.info(logSafe(message)),
    warning: (message) => core.warning(logSafe(message)),
    debug: (message) => core.debug(logSafe(message)),
    startGroup: (name) => core.startGroup(oneLine(name)),
    endGroup: () => core.endGroup(),
    ...(core.status ? { status: statusOf(core.status.bind(core)) } : {}),
    summary: core.summary,
  };
}

function statusOf(status: (line: string) => void): (line: string) => void {
  return (line) => status(oneLine(logSafe(line)));
}
