/**
 * What a million callbacks cost at AWS's list prices, from what the bench measured per callback:
 * the requests its endpoints received (and the sizes they bill by), the handler's durations and
 * the bytes it logged. Prices are us-east-1, on demand, as published on `asOf`; the free tiers are
 * left out (they are per account, not per callback).
 */
export const PRICES = {
  asOf: '2026-11-29',
  /** API Gateway HTTP API, per request (first 300 million a month; a request up to 512 KB). */
  httpApiRequest: 1.0 / 1e6,
  /** Lambda, per request. */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda on arm64, per GB-second (first 6 billion GB-s a month); billed by the millisecond. */
  lambdaArmGbSecond: 0.0000133334,
  /** DynamoDB on demand, standard table class, per write request unit (1 KB of item). */
  dynamoDbWriteUnit: 0.625 / 1e6,
  /** EventBridge, per custom event put (each 64 KB of an entry counts as one). */
  eventBridgeEvent: 1.0 / 1e6,
  /** KMS, per request (the Decrypt behind reading a SecureString). */
  kmsRequest: 0.03 / 1e4,
  /** CloudWatch Logs, standard ingestion, per GB. */
  logsIngestedGb: 0.5,
} as const;

/** Lambda's own lines per invocation (START, END, REPORT with its trace id): about this many bytes. */
export const LAMBDA_PLATFORM_LOG_BYTES = 350;

export interface CostInputs {
  /**
   * DynamoDB's write units for one recording, from its arrival to its verification, each write
   * billed on the item as it was before and after it (bench/write-costs.ts), with what they were.
   */
  writes: { operation: string; units: number }[];
  /** Bytes of the recording's item, as DynamoDB counts them. */
  itemBytes: number;
  events: number;
  /** Bytes of one PutEvents entry, as EventBridge counts them. */
  entryBytes: number;
  /** The function's memory, and the measured durations (warm: the handler; cold: to the answer). */
  memoryMb: number;
  warmMs: number;
  coldMs: number;
  /** Bytes the handler logs per callback. */
  logBytes: number;
  /** SecureString reads per cold start (the key, cached 5 minutes per instance after that). */
  parameterReadsPerColdStart: number;
}

export interface CostLine {
  item: string;
  /** What one callback uses, in words. */
  perCallback: string;
  /** Dollars per million callbacks, every one warm / every one a cold start. */
  warm: number;
  cold: number;
}

export function costPerMillion(inputs: CostInputs): {
  lines: CostLine[];
  warm: number;
  cold: number;
} {
  const million = 1e6;
  const gbSeconds = (ms: number) => (inputs.memoryMb / 1024) * (Math.ceil(ms) / 1000);
  const writeUnits = inputs.writes.reduce((sum, write) => sum + write.units, 0);
  const chunks = inputs.events * Math.max(1, Math.ceil(inputs.entryBytes / 65_536));
  const logGb = (inputs.logBytes + LAMBDA_PLATFORM_LOG_BYTES) / 1024 ** 3;
  const same = (item: string, perCallback: string, dollars: number): CostLine => ({
    item,
    perCallback,
    warm: dollars * million,
    cold: dollars * million,
  });
  const lines: CostLine[] = [
    same('API Gateway HTTP API', '1 request', PRICES.httpApiRequest),
    same('Lambda requests', '1 invocation', PRICES.lambdaRequest),
    {
      item: `Lambda compute (${inputs.memoryMb} MB, arm64)`,
      perCallback: `warm ${Math.ceil(inputs.warmMs)} ms, cold ${Math.ceil(inputs.coldMs)} ms billed`,
      warm: gbSeconds(inputs.warmMs) * PRICES.lambdaArmGbSecond * million,
      cold: gbSeconds(inputs.coldMs) * PRICES.lambdaArmGbSecond * million,
    },
    same(
      'DynamoDB writes (on demand)',
      `${inputs.writes.map((write) => `${write.operation} ${write.units}`).join(' + ')} WRU ` +
        `(a ${Math.round(inputs.itemBytes)}-byte item, its indexes, and the reconciler marking ` +
        `it verified): ${writeUnits} WRU`,
      writeUnits * PRICES.dynamoDbWriteUnit,
    ),
    same(
      'EventBridge PutEvents',
      `${fmt(inputs.events)} event of ${Math.round(inputs.entryBytes)} bytes`,
      chunks * PRICES.eventBridgeEvent,
    ),
    {
      item: 'SSM GetParameter (SecureString)',
      perCallback: `${fmt(inputs.parameterReadsPerColdStart)} per cold start (standard throughput: free; one KMS Decrypt)`,
      warm: 0,
      cold: inputs.parameterReadsPerColdStart * PRICES.kmsRequest * million,
    },
    same(
      'CloudWatch Logs ingestion',
      `${Math.round(inputs.logBytes)} bytes logged + about ${LAMBDA_PLATFORM_LOG_BYTES} of Lambda's own lines`,
      logGb * PRICES.logsIngestedGb,
    ),
  ];
  const sum = (pick: (line: CostLine) => number) =>
    lines.reduce((total, line) => total + pick(line), 0);
  return { lines, warm: sum((line) => line.warm), cold: sum((line) => line.cold) };
}

const fmt = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
