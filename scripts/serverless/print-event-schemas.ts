/**
 * Prints every detail-type's event schema as JSON, `[[schemaName, schema], ...]`: what the
 * event-schemas osls plugin deploys, generated from the kinds' declarations at package time
 * (the plugin runs this with tsx: osls loads plugins without a TypeScript loader).
 */
import { eventJsonSchemas } from '../../lib/events/schema/event-schema';

process.stdout.write(JSON.stringify([...eventJsonSchemas()]));
