/*
 * Every test file starts with its own copy of the environment (jest gives each one), but tests in
 * a file share it: a test that sets a variable (directly, or through loadHandler) would leak it
 * into the tests after it. So each test gets the environment back as it was when it started, and
 * the file gets it back as it was before its first hook. What a `beforeAll` sets stays for the
 * tests it prepares (they start after it), as a handler loaded there may read it lazily.
 */
let beforeTest: NodeJS.ProcessEnv = {};
const beforeFile: NodeJS.ProcessEnv = { ...process.env };

function restore(saved: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) {
    if (!(name in saved)) delete process.env[name];
  }
  Object.assign(process.env, saved);
}

beforeEach(() => {
  beforeTest = { ...process.env };
});

afterEach(() => restore(beforeTest));

afterAll(() => restore(beforeFile));
