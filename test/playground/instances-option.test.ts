import { instancesFrom, InstancesRefused } from '../../src/playground/instances-option';
import { startPlayground } from '../../src/playground/playground';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InstancesRefused);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('how many bot instances npm start runs', () => {
  test('one by default, as npm start always did', () => {
    expect(instancesFrom([], {})).toBe(1);
    expect(instancesFrom([], { PLAYGROUND_INSTANCES: ' ' })).toBe(1);
  });

  test('--instances N, --instances=N or PLAYGROUND_INSTANCES, the argument first', () => {
    expect(instancesFrom(['--instances', '2'], {})).toBe(2);
    expect(instancesFrom(['--instances=4'], {})).toBe(4);
    expect(instancesFrom([], { PLAYGROUND_INSTANCES: '3' })).toBe(3);
    expect(instancesFrom(['--instances', '2'], { PLAYGROUND_INSTANCES: '3' })).toBe(2);
  });

  test('anything but a whole number from 1 to 4 is refused, saying what is accepted', () => {
    for (const value of ['0', '5', 'two', '1.5', '-1', '']) {
      expect(refusal(() => instancesFrom([`--instances=${value}`], {}))).toBe(
        `--instances must be a whole number from 1 to 4, not ${JSON.stringify(value)} (e.g. npm start -- --instances 2).`,
      );
    }
    expect(refusal(() => instancesFrom(['--instances'], {}))).toMatch(/not ""/);
    expect(refusal(() => instancesFrom([], { PLAYGROUND_INSTANCES: '9' }))).toMatch(
      /^PLAYGROUND_INSTANCES must be a whole number from 1 to 4, not "9"/,
    );
    expect(refusal(() => instancesFrom(['--instance', '2'], {}))).toBe(
      'Unknown argument "--instance": npm start takes only --instances N, from 1 to 4 (e.g. npm start -- --instances 2).',
    );
  });

  test('startPlayground refuses a bad number before starting anything', async () => {
    await expect(startPlayground({ env: {}, port: 0, instances: 5 })).rejects.toThrow(
      InstancesRefused,
    );
  });
});
