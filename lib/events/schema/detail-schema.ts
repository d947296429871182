import type { GenericSchema } from 'valibot';
import type { PlainJson } from '../../json/json';
import { BookkeepingField } from '../../record/bookkeeping';
import type { AnyKind } from '../define-kind';
import { isServiceEvent, type ServiceEvent } from '../define-service-event';
import {
  approximate,
  identifier,
  isoTimeText,
  jsonText,
  keptAsSent,
  keyText,
  microseconds,
  nonEmptyText,
  numeric,
  seconds,
  text,
  unixMilliseconds,
  unixTime,
} from '../fields';
import { byteCount, eventVersion } from '../service-fields';
import type { PublishedEvent } from '../published-events';
import { NO_DOCS, plain, type KindDocs } from './kind-docs';

/*
 * The JSON Schema of a kind's `detail`, generated from its declaration (`defineKind`, or
 * `defineServiceEvent` for an event the service publishes of its own accord): the types
 * from each field's schema, what is required from which schemas are optional, the descriptions
 * from the TSDoc (`./kind-docs.ts`). Written by hand rather than with @valibot/to-json-schema:
 * the schemas validate Tencent's body, and what matters here is what they output (a numeric
 * string becomes a number, an id a string), which no converter can read from a transformation;
 * and the fields the normaliser derives or keeps as sent are not in those schemas at all.
 *
 * Only keywords that mean the same in draft-04 and draft-07 are used (`enum`, never `const`;
 * `required` never empty), so the same schema can be the `detail` of the draft-04 event schema
 * that EventBridge's schema registry takes.
 */

export type JsonSchema = { [keyword: string]: PlainJson };

export const JSON_SCHEMA_DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const NUMBER: JsonSchema = { type: 'number' };
const TEXT: JsonSchema = { type: 'string' };
const NON_EMPTY_TEXT: JsonSchema = { type: 'string', minLength: 1 };
const ISO_TIME: JsonSchema = { type: 'string', format: 'date-time' };
const ANY_JSON: JsonSchema = {};
const STREAM_PARAM: JsonSchema = { type: 'object', additionalProperties: TEXT };
const VERSION: JsonSchema = { type: 'integer', minimum: 1 };

/** What the shared field schemas of `../fields.ts` output, as JSON. */
const SHARED_TYPES = new Map<GenericSchema, JsonSchema>([
  [numeric, NUMBER],
  [approximate, NUMBER],
  [unixTime, NUMBER],
  [unixMilliseconds, NUMBER],
  [seconds, NUMBER],
  [microseconds, NUMBER],
  [text, TEXT],
  [nonEmptyText, NON_EMPTY_TEXT],
  [keyText, NON_EMPTY_TEXT],
  [identifier, NON_EMPTY_TEXT],
  [isoTimeText, ISO_TIME],
  [keptAsSent, ANY_JSON],
  [jsonText, ANY_JSON],
  [eventVersion, VERSION],
  [byteCount, { type: 'integer', minimum: 0 }],
]);

/** Field names every kind uses alike, and what they mean when the kind says nothing more. */
const SHARED_DESCRIPTIONS: Readonly<Record<string, string | undefined>> = {
  stream_param: 'The push URL\'s query string as a map; secret-bearing values are "[redacted]".',
  callback_ext: 'An object when Tencent sent valid JSON, else the string as sent.',
};

/** The event's own fields beside the record's (see `../detail.ts`, `EventIdentity`). */
function eventFields(kind: AnyKind, docs: KindDocs): Record<string, JsonSchema> {
  const key =
    kind.definition.table === 'recordings'
      ? `<${kind.definition.sortKey}>`
      : plain(docs.key ?? '<event_key>');
  return {
    id: { type: 'string', description: `<stream_id>/${key}` },
    version: { ...VERSION, description: '1, then +1 each time a redelivery changed the content.' },
    truncated: {
      enum: [true],
      description:
        "Present when the event left fields out to fit EventBridge's 256 KB entry limit; read the whole record from the table.",
    },
    truncated_fields: {
      type: 'array',
      items: TEXT,
      description:
        'The fields left out (fields Tencent added, JSON texts, stream_param: the bulkiest first).',
    },
  };
}

/** Never in an event: the signature, and the service's bookkeeping (`version` is the event's). */
const NEVER_IN_AN_EVENT = [
  'sign',
  't',
  ...Object.values(BookkeepingField).filter((name) => name !== BookkeepingField.version),
];

/**
 * The JSON Schema (draft-07) of the `detail` of `declared`'s events, with the descriptions of
 * `docs` (read with `readKindDocs`; without them, the schema has its types but few words).
 */
export function detailJsonSchema(declared: PublishedEvent, docs: KindDocs = NO_DOCS): JsonSchema {
  return isServiceEvent(declared) ? serviceEventSchema(declared, docs) : kindSchema(declared, docs);
}

/** A callback's record, plus `id` and `version`: what the kind declares, and any field Tencent adds. */
function kindSchema(kind: AnyKind, docs: KindDocs): JsonSchema {
  const { definition } = kind;
  const declared = declaredFields(
    [...Object.entries(definition.fields()), ...Object.entries(definition.derived?.fields ?? {})],
    kind.name,
    docs,
    definition.times,
  );
  return detailSchema(kind.detailType, {
    description: [
      docs.summary && plain(docs.summary),
      "The event's detail is the callback's record, with Tencent's own field names, numbers as numbers and every field Tencent adds kept as sent, plus id and version. Deduplicate on id + version.",
    ],
    properties: {
      ...eventFields(kind, docs),
      event_type: eventTypeSchema(kind.eventTypes),
      ...declared.properties,
    },
    required: ['id', 'version', 'event_type', ...declared.required],
  });
}

/** What the service publishes of its own accord: the fields it declares, `id` and `version` among them. */
function serviceEventSchema(event: ServiceEvent, docs: KindDocs): JsonSchema {
  const declared = declaredFields(Object.entries(event.definition.fields()), event.name, docs);
  return detailSchema(event.detailType, {
    description: [
      docs.summary && plain(docs.summary),
      'Published by the service itself, not for a callback: its detail has the fields listed here (a later version may add more). Deduplicate on id + version.',
    ],
    ...declared,
  });
}

function detailSchema(
  detailType: string,
  parts: {
    description: readonly (string | undefined)[];
    properties: Record<string, JsonSchema>;
    required: string[];
  },
): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT_07,
    title: `${detailType} (detail)`,
    description: parts.description.filter(Boolean).join(' '),
    type: 'object',
    required: parts.required,
    properties: parts.properties,
    not: { anyOf: NEVER_IN_AN_EVENT.map((name) => ({ required: [name] })) },
    additionalProperties: true,
  };
}

/**
 * The declared fields' schemas, described by `docs`, and the names of those every event has;
 * a documented time (`times`) gets its ISO copy beside it. `owner` names the declaration in an
 * error.
 */
function declaredFields(
  entries: readonly (readonly [string, GenericSchema])[],
  owner: string,
  docs: KindDocs,
  times: Readonly<Record<string, unknown>> = {},
): { properties: Record<string, JsonSchema>; required: string[] } {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, schema] of entries) {
    const isRequired = schema.type !== 'optional';
    // The normaliser parses `stream_param` into a map by name, in every kind.
    const type = name === 'stream_param' ? STREAM_PARAM : jsonTypeOf(schema, `${owner}: ${name}`);
    properties[name] = described(type, name, docs);
    if (isRequired) required.push(name);
    if (name in times) {
      properties[`${name}_iso`] = { ...ISO_TIME, description: `${name}, ISO 8601.` };
      if (isRequired) required.push(`${name}_iso`);
    }
  }
  return { properties, required };
}

function eventTypeSchema(eventTypes: readonly number[]): JsonSchema {
  return eventTypes.length === 0
    ? { ...NUMBER, description: "Tencent's event_type, as a number." }
    : { enum: [...eventTypes] };
}

function described(schema: JsonSchema, path: string, docs: KindDocs): JsonSchema {
  const doc = docs.fields.get(path) ?? SHARED_DESCRIPTIONS[path];
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  const withInner = properties && {
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, inner]) => [
        name,
        described(inner, `${path}.${name}`, docs),
      ]),
    ),
  };
  return { ...schema, ...withInner, ...(doc !== undefined && { description: plain(doc) }) };
}

/** What a field's schema outputs, as JSON Schema; `where` names the field in an error. */
function jsonTypeOf(schema: GenericSchema, where: string): JsonSchema {
  const shared = SHARED_TYPES.get(schema);
  if (shared) return shared;
  const parts = schema as GenericSchema & {
    wrapped?: GenericSchema;
    entries?: Readonly<Record<string, GenericSchema>>;
    item?: GenericSchema;
    pipe?: readonly { kind: string }[];
  };
  // A pipe outputs what its last schema does (`blankable`'s optional schema, once `''` became
  // absent); the actions between change values, not their type.
  if (parts.pipe) {
    const last = parts.pipe.filter((step) => step.kind === 'schema').at(-1);
    return jsonTypeOf(last as GenericSchema, where);
  }
  switch (schema.type) {
    case 'optional':
      return jsonTypeOf(parts.wrapped as GenericSchema, where);
    case 'string':
      return TEXT;
    case 'number':
      return NUMBER;
    case 'boolean':
      return { type: 'boolean' };
    case 'unknown':
      return ANY_JSON;
    case 'array':
      return { type: 'array', items: jsonTypeOf(parts.item as GenericSchema, `${where}[]`) };
    case 'object':
    case 'loose_object': {
      const entries = Object.entries(parts.entries ?? {});
      const inner = entries.filter(([, entry]) => entry.type !== 'optional').map(([n]) => n);
      return {
        type: 'object',
        properties: Object.fromEntries(
          entries.map(([name, entry]) => [name, jsonTypeOf(entry, `${where}.${name}`)]),
        ),
        ...(inner.length > 0 && { required: inner }),
        additionalProperties: schema.type === 'loose_object',
      };
    }
    default:
      throw new Error(
        `${where}: no JSON Schema for a valibot ${schema.type} schema; add its output type to lib/events/schema/detail-schema.ts`,
      );
  }
}
