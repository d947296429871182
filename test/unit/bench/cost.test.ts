import { costPerMillion, dynamoDbWriteUnits, PRICES, type CostInputs } from '../../../bench/cost';

const measured: CostInputs = {
  putItems: 1,
  updateItems: 1,
  itemBytes: 890,
  events: 1,
  entryBytes: 909,
  memoryMb: 512,
  warmMs: 2.4,
  coldMs: 121.7,
  logBytes: 755,
  parameterReadsPerColdStart: 1,
};

describe('cost per million callbacks', () => {
  it('bills each write of the item and of the pending index by the started KB', () => {
    expect(dynamoDbWriteUnits({ putItems: 1, updateItems: 1, itemBytes: 890 })).toBe(4);
    // 1,000 bytes fit a KB in the table, not in the index (100 bytes of overhead per entry).
    expect(dynamoDbWriteUnits({ putItems: 1, updateItems: 1, itemBytes: 1000 })).toBe(2 + 4);
  });

  it('counts the verification index and the reconciler’s update for a kind Tencent’s history verifies', () => {
    // PutItem: item + pending + verification entries; UpdateItem (published): item + pending;
    // the reconciler's UpdateItem (verified): item + verification.
    expect(
      dynamoDbWriteUnits({ putItems: 1, updateItems: 1, itemBytes: 890, verifiedLater: true }),
    ).toBe(3 + 2 + 2);
  });

  it('prices a warm and a cold callback line by line, from the measured figures', () => {
    const { lines, warm, cold } = costPerMillion(measured);
    const line = (start: string) => lines.find((candidate) => candidate.item.startsWith(start));

    expect(line('DynamoDB')?.warm).toBeCloseTo(4 * 0.625);
    expect(line('EventBridge')?.warm).toBeCloseTo(1);
    expect(line('Lambda compute')?.warm).toBeCloseTo(0.5 * 0.003 * PRICES.lambdaArmGbSecond * 1e6);
    expect(line('Lambda compute')?.cold).toBeCloseTo(0.5 * 0.122 * PRICES.lambdaArmGbSecond * 1e6);
    expect(line('SSM')).toMatchObject({ warm: 0, cold: 3 });
    expect(warm).toBeCloseTo(lines.reduce((sum, each) => sum + each.warm, 0));
    expect(cold - warm).toBeCloseTo(3 + (0.122 - 0.003) * 0.5 * PRICES.lambdaArmGbSecond * 1e6);
  });

  it('counts an entry over 64 KB as several events', () => {
    const { lines } = costPerMillion({ ...measured, entryBytes: 65_537 });

    expect(lines.find((line) => line.item.startsWith('EventBridge'))?.warm).toBeCloseTo(2);
  });
});
