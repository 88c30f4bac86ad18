// Fails when the committed dist/ is not what `npm run bundle` builds from src/ now.
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The very command of the `bundle` script, pointed at a scratch folder.
const bundle = JSON.parse(readFileSync('package.json', 'utf8')).scripts.bundle;
if (!/ -o dist /.test(bundle))
  throw new Error(`the bundle script no longer writes "-o dist": ${bundle}`);
const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'));
try {
  execSync(`npx ${bundle.replace(' -o dist ', ` -o ${fresh} `)}`, { stdio: 'inherit' });
  const names = new Set([...readdirSync('dist'), ...readdirSync(fresh)]);
  const differing = [...names].filter((name) => {
    try {
      return !readFileSync(join('dist', name)).equals(readFileSync(join(fresh, name)));
    } catch {
      return true;
    }
  });
  if (differing.length > 0) {
    console.error(
      `dist/ differs from a fresh bundle: ${differing.join(', ')}. Run \`npm run bundle\` and commit dist/.`,
    );
    process.exit(1);
  }
  console.log(`dist/ matches a fresh bundle (${names.size} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
