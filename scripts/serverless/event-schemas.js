'use strict';
// A local osls plugin (serverless.yml `plugins`): the stack's EventBridge schema registry,
// `<service>-<stage>`, with one schema per detail-type of the bus, `tencentcloud.css@<DetailType
// without spaces>` (the registry's own naming for discovered schemas), JSONSchemaDraft4: the
// whole event as a rule's target receives it. Generated at package time from the declarations in
// lib/events/kinds/ (print-event-schemas.ts), never a second copy; `npm run docs` writes the same
// schemas under schemas/ for readers. Subscribers get code bindings from the registry. The
// service's own events (lib/events/service-events.ts) are deployed in every stack, whether or not
// it publishes them (Recording File Archived without the archive): bindings can come first.
//
// Plain JavaScript: osls requires plugins with Node's own loader, before any TypeScript loader.

const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const PRINTER = join(__dirname, 'print-event-schemas.ts');

class EventSchemas {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      'before:aws:package:finalize:saveServiceState': () => this.addSchemas(),
    };
  }

  addSchemas() {
    const { service } = this.serverless;
    const template = service.provider.compiledCloudFormationTemplate;
    const registryName = `${service.service}-${service.provider.stage}`;
    template.Resources.EventSchemaRegistry = {
      Type: 'AWS::EventSchemas::Registry',
      Properties: {
        RegistryName: registryName,
        Description: `The events of the bus ${registryName}: one schema per detail-type.`,
      },
    };
    for (const [schemaName, schema] of printSchemas()) {
      template.Resources[logicalIdOf(schemaName)] = {
        Type: 'AWS::EventSchemas::Schema',
        Properties: {
          RegistryName: { 'Fn::GetAtt': ['EventSchemaRegistry', 'RegistryName'] },
          SchemaName: schemaName,
          Type: 'JSONSchemaDraft4',
          Description: schema.title,
          Content: JSON.stringify(schema),
        },
      };
    }
  }
}

/** `[[schemaName, schema], ...]`, from the kinds' declarations. */
function printSchemas() {
  const text = execFileSync(process.execPath, ['--import', 'tsx', PRINTER], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(text);
}

/** `tencentcloud.css@RecordingFileCreated` -> `EventSchemaRecordingFileCreated`. */
function logicalIdOf(schemaName) {
  return `EventSchema${schemaName.split('@')[1].replace(/[^A-Za-z0-9]/g, '')}`;
}

module.exports = EventSchemas;
