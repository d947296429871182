import GithubSlugger from 'github-slugger';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PROJECT_DIR } from '../../../scripts/local/service-config';

/*
 * The README is the front door and docs/ the reference behind it: every link between them, and
 * to the project's files, leads somewhere. A link to a section names a heading that exists, as
 * GitHub makes its anchor (github-slugger), so moving or renaming a section breaks this test, not
 * the reader's click.
 */

const PAGES = [
  join(PROJECT_DIR, 'README.md'),
  ...readdirSync(join(PROJECT_DIR, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(PROJECT_DIR, 'docs', name)),
];

/** The page's text outside fenced code blocks, where `[x](y)` is not a link. */
function prose(file: string): string {
  return readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
}

function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = prose(file).match(/^#{1,6} .+$/gm) ?? [];
  return new Set(headings.map((heading) => slugger.slug(heading.replace(/^#+ /, ''))));
}

interface Link {
  page: string;
  target: string;
}

function linksOf(page: string): Link[] {
  const targets = [...prose(page).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
  return targets
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => ({ page: relative(PROJECT_DIR, page), target }));
}

const LINKS = PAGES.flatMap(linksOf);

it('finds the links of the README and of every page of docs/', () => {
  expect(PAGES.length).toBeGreaterThan(5);
  expect(LINKS.length).toBeGreaterThan(50);
});

const fileOf = ({ page, target }: Link) => {
  const path = target.split('#')[0]!;
  return path === '' ? join(PROJECT_DIR, page) : join(dirname(join(PROJECT_DIR, page)), path);
};
const named = (links: Link[]) =>
  links.map((link) => [`${link.page} -> ${link.target}`, link] as const);

it.each(named(LINKS))('%s leads to a file of the project', (_name, link) => {
  expect(existsSync(fileOf(link))).toBe(true);
});

it.each(named(LINKS.filter((link) => link.target.includes('#'))))(
  '%s leads to a heading of that page',
  (_name, link) => {
    expect([...anchorsOf(fileOf(link))]).toContain(link.target.split('#')[1]);
  },
);
