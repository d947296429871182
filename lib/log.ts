/** The slice of a structured logger the domain uses; Powertools' Logger satisfies it. */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
  /** Adds keys to every following line of the current invocation. */
  appendKeys(keys: Record<string, unknown>): void;
}
