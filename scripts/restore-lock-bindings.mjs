// Puts back into package-lock.json the optional, platform-specific packages of unrs-resolver
// (a jest dependency) that `npm install` leaves out when its registry mirror lacks them.
// Without them `npm ci` refuses the lock ("Missing: @unrs/resolver-binding-… from lock file").
// Run after `npm install` changed the lock: `node scripts/restore-lock-bindings.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const resolver = lock.packages['node_modules/unrs-resolver'];
if (!resolver) throw new Error('unrs-resolver is not in the lock: nothing to restore');

/** Platform of each binding, from its name: `linux-arm-musleabihf` -> linux, arm, musl. */
function platform(suffix) {
  const [os, cpu, abi = ''] = suffix.split('-');
  const libc = abi.startsWith('gnu') ? ['glibc'] : abi.startsWith('musl') ? ['musl'] : undefined;
  return { os: [os], cpu: [cpu], ...(libc && { libc }) };
}

let added = 0;
for (const [name, version] of Object.entries(resolver.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const { os, cpu, libc } = platform(name.replace('@unrs/resolver-binding-', ''));
  lock.packages[key] = {
    version: version.replace(/^[\^~]/, ''),
    cpu,
    dev: true,
    ...(libc && { libc }),
    license: 'MIT',
    optional: true,
    os,
  };
  added++;
}
const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => (a < b ? -1 : 1))]);
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} optional binding(s) restored in ${LOCK}.`);
