// Fails when the committed dist/ is not what `npm run bundle` builds from src/ now.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'));
try {
  execFileSync(
    'npx',
    [
      'ncc',
      'build',
      'src/index.ts',
      '-o',
      fresh,
      '--source-map',
      '--license',
      'licenses.txt',
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
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
