#!/usr/bin/env node
// The entry of the `terminate-jobs` command (package.json `bin`). It checks the Node version
// before anything else is loaded: the rest of the bundle needs Node 24 (big job ids are read
// exactly only from its JSON reviver's source text), and an older Node must be told so in one
// line, not with a stack trace from deep inside the bundle. The command is a chunk loaded after.
import pkg from '../../package.json' with { type: 'json' };

// engines is written `>=N`; only its major version is compared, so no semver library is
// bundled into the one file that must load on any Node.
const needed = Number(/^>=\s*(\d+)/.exec(pkg.engines.node)?.[1] ?? 0);
const running = Number(process.versions.node.split('.')[0]);
if (running < needed) {
  process.stderr.write(
    `terminate-jobs: needs Node ${pkg.engines.node} (package.json engines); this is Node ${process.versions.node}. Nothing was sent.\n`,
  );
  process.exit(2);
}
await import('./command.js');
