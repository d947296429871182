import { TaskPool } from '../../../lib/archive/task-pool';

it('runs at most its size at once, and waits for all', async () => {
  const pool = new TaskPool(2);
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const task = () =>
    new Promise<void>((done) => {
      running++;
      most = Math.max(most, running);
      releases.push(() => {
        running--;
        done();
      });
    });
  await pool.start(task);
  await pool.start(task);
  const third = pool.start(task);
  expect(releases).toHaveLength(2);
  releases.shift()?.();
  await third;
  releases.splice(0).forEach((release) => release());

  await pool.drain();
  expect(most).toBe(2);
  expect(running).toBe(0);
});

it('reports the first failure once every task is done', async () => {
  const pool = new TaskPool(3);
  await pool.start(() => Promise.reject(new Error('first')));
  await pool.start(() => Promise.reject(new Error('second')));
  await pool.start(() => Promise.resolve());

  await expect(pool.drain()).rejects.toThrow('first');
  expect(pool.failed).toBe(true);
});
