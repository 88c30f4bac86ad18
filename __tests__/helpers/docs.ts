// The documentation users read and copy: the README and docs/*.md. The docs tests take their
// files from here, so text that moves from one of them to another stays checked.
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** A file of the repository, by its path from the root. */
export const readRepoFile = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** README.md, then every Markdown file of docs/, as paths from the repository root. */
export function userDocs(): string[] {
  const docs = readdirSync(new URL('docs/', root))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** The files a reader reaches from the README: the user docs and the repository's own guides. */
export function allDocs(): string[] {
  return [...userDocs(), 'CONTRIBUTING.md', 'SECURITY.md'];
}

/** The body of every fenced yaml block of a Markdown text, in order. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

export interface YamlExample {
  /** `docs/recipes.md, yaml block 2`: where a reader finds it. */
  where: string;
  text: string;
}

/** Every yaml block of the user docs, named by file and place. */
export function yamlExamples(files: string[] = userDocs()): YamlExample[] {
  return files.flatMap((file) =>
    yamlBlocks(readRepoFile(file)).map((text, index) => ({
      where: `${file}, yaml block ${index + 1}`,
      text,
    })),
  );
}
