import { emptyCounts, type ReconcileReport } from '../../../../lib/reconcile/report';
import { describeReport } from '../../../../scripts/reconcile/report-lines';

function report(fields: Partial<ReconcileReport>): ReconcileReport {
  return {
    ...emptyCounts(),
    window: { start: '2026-12-06T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z' },
    streams: 5,
    unitsDone: 5,
    units: 5,
    complete: true,
    dryRun: false,
    unverified: 0,
    ...fields,
  };
}

/** The counts under the history line, by label. */
function outcomes(lines: string[]): Record<string, number> {
  const counted: Record<string, number> = {};
  for (const line of lines) {
    const [, label, value] = /^ {2}(.*): (\d+)$/.exec(line) ?? [];
    if (label !== undefined) counted[label] = Number(value);
  }
  return counted;
}

describe('npm run reconcile’s summary', () => {
  it('tells deliveries from callbacks, and what became of each callback adds up to them', () => {
    const lines = describeReport(
      report({ callbacksFound: 102, distinctCallbacks: 20, recovered: 8, verified: 12 }),
    );

    expect(lines).toContain("Tencent's history: 102 deliveries of 20 callbacks");
    const counted = outcomes(lines);
    expect(counted).toEqual({
      'recovered (stored and published)': 8,
      verified: 12,
      "replaced by Tencent's content (published again)": 0,
    });
    expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('counts what earlier runs verified, older records and entries that are not callbacks apart', () => {
    const lines = describeReport(
      report({
        callbacksFound: 30,
        invalid: 3,
        distinctCallbacks: 9,
        recovered: 1,
        verified: 2,
        alreadyVerified: 3,
        replaced: 1,
        notComparable: 2,
      }),
    );

    expect(lines).toContain(
      "Tencent's history: 27 deliveries of 9 callbacks, and 3 entries that are not a valid callback (skipped)",
    );
    expect(Object.values(outcomes(lines)).reduce((a, b) => a + b, 0)).toBe(9);
    expect(lines).toContain('  verified by an earlier run: 3');
    expect(lines).toContain('  held by an older version, left as they are: 2');
  });

  it('says what a dry run would do, in the singular where there is one', () => {
    const lines = describeReport(
      report({ dryRun: true, callbacksFound: 1, distinctCallbacks: 1, recovered: 1 }),
    );

    expect(lines).toContain("Tencent's history: 1 delivery of 1 callback");
    expect(lines).toContain('  recovered (would be stored and published): 1');
  });
});
