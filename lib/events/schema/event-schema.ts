import { PUBLISHED_EVENTS, type PublishedEvent } from '../published-events';
import { EVENT_SOURCE } from '../../record/record';
import type { JsonSchema } from './detail-schema';
import { detailJsonSchema, KIND_FILES } from './index';

/*
 * The schema of a whole event as a subscriber's target receives it from EventBridge (the
 * envelope, its `detail` the kind's detail schema): what the stack deploys to its EventBridge
 * schema registry, and what `npm run docs` writes under `schemas/`. JSON Schema draft-04, the
 * registry's `JSONSchemaDraft4` type: the detail schemas use only keywords that mean the same in
 * draft-04 and draft-07, so they are embedded unchanged but for their `$schema`.
 */

export const JSON_SCHEMA_DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

/** The registry's own naming for discovered schemas: `aws.ec2@EC2InstanceStateChangeNotification`. */
export function eventSchemaName(detailType: string): string {
  return `${EVENT_SOURCE}@${detailType.replace(/\s+/g, '')}`;
}

/** The draft-04 schema of `declared`'s events, envelope and detail, as EventBridge delivers them. */
export function eventJsonSchema(
  declared: PublishedEvent,
  files: readonly string[] = KIND_FILES,
): JsonSchema {
  const { detailType } = declared;
  const { $schema: _draft07, ...detail } = detailJsonSchema(declared, files);
  const text = (description: string): JsonSchema => ({ type: 'string', description });
  return {
    $schema: JSON_SCHEMA_DRAFT_04,
    title: detailType,
    description:
      `A ${detailType} event of the bus of tencent-css-recordings, as EventBridge delivers ` +
      `it to a rule's target. ${typeof detail.description === 'string' ? detail.description : ''}`.trim(),
    type: 'object',
    required: [
      'version',
      'id',
      'detail-type',
      'source',
      'account',
      'time',
      'region',
      'resources',
      'detail',
    ],
    properties: {
      version: text('EventBridge\'s envelope version, "0".'),
      id: text("EventBridge's id of this event (a replay keeps it); not the record's id."),
      'detail-type': { type: 'string', enum: [detailType] },
      source: { type: 'string', enum: [EVENT_SOURCE] },
      account: text('The AWS account of the bus.'),
      time: { type: 'string', format: 'date-time', description: 'When the event was put.' },
      region: text('The AWS region of the bus.'),
      resources: { type: 'array', items: { type: 'string' } },
      'replay-name': text('Set by EventBridge on an event a replay sent again: its name.'),
      detail,
    },
    additionalProperties: true,
  };
}

/**
 * Every published detail-type's event schema, by schema name: the kinds in the registry's order,
 * then the service's own events (deployed whether or not the stack publishes them: a subscriber
 * can generate its code bindings before turning on what publishes one).
 */
export function eventJsonSchemas(
  published: readonly PublishedEvent[] = PUBLISHED_EVENTS,
  files: readonly string[] = KIND_FILES,
): ReadonlyMap<string, JsonSchema> {
  return new Map(
    published.map((declared) => [
      eventSchemaName(declared.detailType),
      eventJsonSchema(declared, files),
    ]),
  );
}
