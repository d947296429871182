/**
 * Prints every detail-type's event schema as JSON, `[[schemaName, schema], ...]`: what the
 * event-schemas osls plugin deploys, generated at package time from the declarations of the
 * kinds and of the service's own events
 * (the plugin runs this with tsx: osls loads plugins without a TypeScript loader).
 */
import { eventJsonSchemas } from '../../lib/events/schema/event-schema';

process.stdout.write(JSON.stringify([...eventJsonSchemas()]));
