import { costPerMillion, PRICES, type CostInputs } from '../../../bench/cost';

const measured: CostInputs = {
  writes: [
    { operation: 'PutItem', units: 3 },
    { operation: 'UpdateItem', units: 2 },
    { operation: 'UpdateItem', units: 2 },
  ],
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
  it('prices a warm and a cold callback line by line, from the measured figures', () => {
    const { lines, warm, cold } = costPerMillion(measured);
    const line = (start: string) => lines.find((candidate) => candidate.item.startsWith(start));

    expect(line('DynamoDB')?.warm).toBeCloseTo(7 * 0.625);
    expect(line('DynamoDB')?.perCallback).toContain('PutItem 3 + UpdateItem 2 + UpdateItem 2 WRU');
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
