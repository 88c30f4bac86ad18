// The tests mirror the house: a unit test sits in the folder of __tests__/ named like the
// folder of src/ it tests (settings/, execute/, report/, shared/, http/, runtime/,
// vendors/connect/...), the runs of the action in action/, the repository checks in repo/.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** Every folder under `dir` of the repository that holds a file ending in `suffix`. */
function foldersWith(dir: string, suffix: string): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith(suffix) || statSync(new URL(`${dir}${entry}`, root)).isDirectory()) {
      continue;
    }
    const slash = entry.lastIndexOf('/');
    found.add(slash < 0 ? '' : entry.slice(0, slash));
  }
  return [...found].sort();
}

describe('the tests mirror src/', () => {
  const sourceFolders = new Set(foldersWith('src/', '.ts'));
  const testFolders = foldersWith('__tests__/', '.test.ts');

  it('finds the test folders', () => {
    expect(testFolders).toEqual(expect.arrayContaining(['action', 'http', 'repo', 'settings']));
  });

  it.each(testFolders)(
    '__tests__/%s holds no test or is a folder of src/, action/ or repo/',
    (folder) => {
      const own = folder === 'action' || folder === 'repo';
      expect({ folder, mirrored: own || (folder !== '' && sourceFolders.has(folder)) }).toEqual({
        folder,
        mirrored: true,
      });
    },
  );
});
