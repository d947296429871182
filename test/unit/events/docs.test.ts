import { readFileSync } from 'node:fs';
import { PUBLISHED_EVENTS } from '../../../lib/events/published-events';
import { summariseEvent } from '../../../lib/events/summarise';
import { documentedDetail } from '../../support/kinds';
import { projectPath } from '../../support/project';

/*
 * docs/events.md shows, for every kind, the event its fixture gives and the example subscriber's
 * line for it: generated, not written by hand; for an event the service publishes of its own
 * accord, its fixture's detail and line. When a kind or its line changes, copy the "Received"
 * value of a failing test into the page.
 */
const published = PUBLISHED_EVENTS.map((declared) => [declared.name, declared] as const);
const PAGE = readFileSync(projectPath('docs', 'events.md'), 'utf8');

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
  it.each(published)('shows the event of the %s fixture, as published', (name, declared) => {
    expect(documentedDetail(declared)).toEqual(exampleOf(name));
  });

  it.each(published)(
    'shows the example subscriber’s line for the %s fixture’s event',
    (name, declared) => {
      const detail = documentedDetail(declared);

      expect(summariseEvent(declared.detailType, detail as never)).toBe(lineOf(name));
    },
  );

  it.each(PUBLISHED_EVENTS.map((declared) => [declared.detailType] as const))(
    'has a section on %s',
    (detailType) => {
      expect(PAGE).toMatch(new RegExp(`^## ${detailType} \\(`, 'm'));
    },
  );
});
