/**
 * Captures what the process writes to stdout/stderr (where Powertools Logger writes) while a test
 * runs, so tests can read the log lines and prove that no secret is in them.
 */
export function captureOutput(): {
  lines: () => string[];
  text: () => string;
  restore: () => void;
} {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  const text = () => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== ''),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
