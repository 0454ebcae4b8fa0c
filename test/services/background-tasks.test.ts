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

  test('work started while answers are owed starts once the last of them is answered', async () => {
    const tasks = new BackgroundTasks();
    const order: string[] = [];
    let answerSecond!: () => void;
    const first = tasks.answerFirst(async () => {
      tasks.run(async () => order.push('work'));
      await tick();
      order.push('first answered');
    });
    const second = tasks.answerFirst(
      () => new Promise<void>((resolve) => (answerSecond = resolve)),
    );
    await first;
    await tick(30);
    order.push('second answered');
    answerSecond();
    await second;
    await tasks.idle();

    expect(order).toEqual(['first answered', 'second answered', 'work']);
  });

  test('work waits for answers no longer than its bound', async () => {
    const tasks = new BackgroundTasks(undefined, 10);
    const done: string[] = [];
    let answer!: () => void;
    const answering = tasks.answerFirst(() => new Promise<void>((resolve) => (answer = resolve)));
    tasks.run(async () => done.push('work'));
    await tick(40);

    expect(done).toEqual(['work']);
    answer();
    await answering;
  });

  test('shutdown starts the work still waiting for answers, and waits for it', async () => {
    const tasks = new BackgroundTasks();
    const done: string[] = [];
    void tasks.answerFirst(() => new Promise<void>(() => undefined));
    tasks.run(async () => done.push('work'));

    await tasks.shutdown();

    expect(done).toEqual(['work']);
  });
});
