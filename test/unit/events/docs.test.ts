import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KINDS } from '../../../lib/events/registry';
import { summariseEvent } from '../../../lib/events/summarise';
import { detailOf, kindBody } from '../../support/kinds';

/*
 * docs/events.md shows, for every kind, the event its fixture gives and the example subscriber's
 * line for it: generated, not written by hand. When a kind or its line changes, copy the
 * "Received" value of a failing test into the page.
 */
const PAGE = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'events.md'), 'utf8');

function exampleOf(name: string): unknown {
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(
    PAGE,
  );
  return match?.[1] === undefined ? undefined : JSON.parse(match[1]);
}

function lineOf(name: string): string | undefined {
  return new RegExp(`<!-- line: ${name} -->\\s*\`\`\`text\\n(.*)\\n\`\`\``).exec(PAGE)?.[1];
}

describe('docs/events.md', () => {
  it.each(KINDS.map((kind) => [kind.name, kind] as const))(
    'shows the event of the %s fixture, as published',
    (name, kind) => {
      expect(detailOf(kind, kind.normalise(kindBody(kind)))).toEqual(exampleOf(name));
    },
  );

  it.each(KINDS.map((kind) => [kind.name, kind] as const))(
    'shows the example subscriber’s line for the %s fixture’s event',
    (name, kind) => {
      const detail = detailOf(kind, kind.normalise(kindBody(kind)));

      expect(summariseEvent(kind.detailType, detail as never)).toBe(lineOf(name));
    },
  );

  it.each(KINDS.map((kind) => [kind.detailType] as const))('has a section on %s', (detailType) => {
    expect(PAGE).toMatch(new RegExp(`^## ${detailType} \\(`, 'm'));
  });
});
