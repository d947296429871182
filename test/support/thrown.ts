/**
 * The error `run` throws, for a test to check its type, reason and message. A run that throws
 * nothing fails the test with `expected` (what the test expected to be refused).
 */
export function errorThrownBy<E = Error>(run: () => unknown, expected = 'expected an error'): E {
  try {
    run();
  } catch (error) {
    return error as E;
  }
  throw new Error(expected);
}

/** The error `promise` rejects with; one that resolves fails the test with `expected`. */
export async function errorRejectedBy<E = Error>(
  promise: Promise<unknown>,
  expected = 'expected a rejection',
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error(expected);
}
