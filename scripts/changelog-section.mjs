// `node scripts/changelog-section.mjs v1.2.3 [CHANGELOG.md]`: prints that version's section of
// the changelog (the text under `## [1.2.3]`, up to the next `## `), the body of the GitHub
// release the release workflow publishes. Fails when the section is missing or empty, so a
// tag without its changelog entry never becomes a release. Hand-written: Keep a Changelog's
// headings are one regular expression, less than a dependency would bring.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * @param {string} changelog  the Markdown text
 * @param {string} version    `1.2.3`, `v1.2.3` or `Unreleased`
 * @returns {string} the section's text, trimmed
 */
export function changelogSection(changelog, version) {
  const name = version.replace(/^v(?=\d)/, '');
  const lines = changelog.replace(/\r\n/g, '\n').split('\n');
  const isHeading = (line) => /^## /.test(line);
  // `## [1.2.3] - 2026-11-23`, `## [1.2.3]` or `## 1.2.3`; the brackets link to a diff.
  const start = lines.findIndex(
    (line) => isHeading(line) && line.replace(/^## \[?([^\]\s]+)\]?.*$/, '$1') === name,
  );
  if (start === -1) throw new Error(`CHANGELOG.md has no section "## [${name}]"`);
  const end = lines.findIndex((line, index) => index > start && isHeading(line));
  const body = lines
    .slice(start + 1, end === -1 ? undefined : end)
    // Link definitions (`[1.2.3]: https://…`) at the file's end belong to no section.
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim();
  if (body === '') throw new Error(`the section "## [${name}]" of CHANGELOG.md is empty`);
  return body;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [version, file = 'CHANGELOG.md'] = process.argv.slice(2);
  if (!version) {
    console.error('Usage: node scripts/changelog-section.mjs <version> [CHANGELOG.md]');
    process.exit(2);
  }
  try {
    process.stdout.write(`${changelogSection(readFileSync(file, 'utf8'), version)}\n`);
  } catch (error) {
    console.error(`changelog-section: ${error.message}`);
    process.exit(1);
  }
}
