import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../../src/cli/repo-root';

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes. */
function anchorsOf(file: string): Set<string> {
  const headings =
    readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .match(/^#+ .*$/gm) ?? [];
  return new Set(
    headings.map((heading) =>
      heading
        .replace(/^#+ /, '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\- _]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('README.md and docs/: links between them', () => {
  it('lead to files that exist and headings they hold', () => {
    const pages = [
      'README.md',
      ...readdirSync(join(REPO_ROOT, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      const file = join(REPO_ROOT, page);
      const text = readFileSync(file, 'utf8')
        .replace(/```[\s\S]*?```/g, '')
        .replace(/`[^`\n]*`/g, '');
      for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(link)) continue;
        const [path, anchor] = link.split('#');
        const target = path ? normalize(join(dirname(file), path)) : file;
        if (!existsSync(target)) broken.push(`${page}: ${link} (no ${relative(REPO_ROOT, target)})`);
        else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor)) broken.push(`${page}: ${link} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
