import { BackgroundTasks } from '../../src/services';

const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

describe('background tasks', () => {
  test('idle waits for every task, including tasks started by tasks', async () => {
    const tasks = new BackgroundTasks();
    const done: string[] = [];
    tasks.run(async () => {
      await tick();
      tasks.run(async () => {
        await tick();
        done.push('child');
      });
      done.push('parent');
    });
    expect(tasks.size).toBe(1);

    await tasks.idle();

    expect(done).toEqual(['parent', 'child']);
    expect(tasks.size).toBe(0);
  });

  test('a failing task is logged and never reaches the caller', async () => {
    const errors: [object, string | undefined][] = [];
    const logger = {
      info: () => undefined,
      warn: () => undefined,
      error: (context: object, message?: string) => errors.push([context, message]),
    };
    const tasks = new BackgroundTasks(logger);

    tasks.run(() => Promise.reject(new Error('boom')), 'notify REQ-1');
    tasks.run(() => {
      throw new Error('sync boom');
    });
    await tasks.idle();

    expect(errors.map(([, message]) => message).sort()).toEqual([
      'background task failed',
      'notify REQ-1 failed',
    ]);
  });

  test('shutdown tells long waits to stop and waits for them', async () => {
    const tasks = new BackgroundTasks();
    let stopped = false;
    tasks.run(async () => {
      await tick();
      await new Promise<void>((resolve) =>
        tasks.signal.addEventListener('abort', () => {
          stopped = true;
          resolve();
        }),
      );
    });
    await tick(10);

    await tasks.shutdown();

    expect(stopped).toBe(true);
    expect(tasks.size).toBe(0);
  });
});
