import { renderReport, type BenchResults } from '../../../bench/report';

const machine = { node: 'v20.20.2', cpu: 'a CPU', cores: 2, os: 'linux x64', load: 0.5 };
const callback = { name: 'callback', jsBytes: 396_862, zipBytes: 130_120, files: [] };

function targetTable(report: string): string[][] {
  const start = report.split('\n').findIndex((line) => line.startsWith('| target |'));
  const lines = report.split('\n').slice(start);
  const table = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  return table.map((line) => line.split('|').slice(1, -1));
}

describe("the bench report's targets", () => {
  it('give the callback its size in a column of its own when only sizes were measured', () => {
    const results: BenchResults = {
      date: '2026-12-07',
      machine,
      callback: 'callback',
      sizes: [callback],
      runtimes: [],
    };

    const [header, , size] = targetTable(renderReport(results));

    expect(header?.map((cell) => cell.trim())).toEqual(['target', 'measured', 'target', 'result']);
    expect(size?.map((cell) => cell.trim())).toEqual([
      "code in the callback's packaged artifact",
      '396,862 bytes',
      '≤ 400 KB',
      'met',
    ]);
  });

  it('give each runtime its column', () => {
    const results: BenchResults = {
      date: '2026-12-07',
      machine,
      callback: 'callback',
      sizes: [{ ...callback, jsBytes: 400_001 }],
      runtimes: [
        { label: 'Node 20', version: 'v20.20.2' },
        { label: 'Node 24', version: 'v24.22.3' },
      ],
    };

    const [header, , size] = targetTable(renderReport(results));

    expect(header?.map((cell) => cell.trim())).toEqual([
      'target',
      'Node 20',
      'Node 24',
      'target',
      'result',
    ]);
    expect(size?.map((cell) => cell.trim()).slice(1)).toEqual([
      '400,001 bytes',
      '400,001 bytes',
      '≤ 400 KB',
      '**not met**',
    ]);
  });
});
