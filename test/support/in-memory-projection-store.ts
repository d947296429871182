import type { Projection, ProjectionStore } from '../../lib/events/kind';
import type { JsonMap } from '../../lib/json/json';
import type { ItemKey } from '../../lib/record/record';

/**
 * Projections applied to items in memory, as the DynamoDB store applies them: the projection's
 * attributes set (with `updated_at`), then what it derives from the item as it then is. Every
 * projection applied is kept in `applied`, in order.
 */
export class InMemoryProjectionStore implements ProjectionStore {
  readonly applied: Projection[] = [];
  private readonly items = new Map<string, JsonMap>();

  async apply(projection: Projection, now: Date): Promise<void> {
    this.applied.push(projection);
    const id = idOf(projection.key);
    const item: JsonMap = {
      ...this.items.get(id),
      ...projection.set,
      ...projection.key,
      updated_at: now.toISOString(),
    };
    this.items.set(id, { ...item, ...projection.derive?.(item) });
  }

  /** The item under `key`, as the projections applied so far left it. */
  item(key: ItemKey): JsonMap | undefined {
    return this.items.get(idOf(key));
  }
}

function idOf(key: ItemKey): string {
  return JSON.stringify(Object.entries(key).sort(([a], [b]) => (a < b ? -1 : 1)));
}
