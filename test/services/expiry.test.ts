import { WELL_KNOWN } from '../../src/simulator/seed';
import { graphHarness, type GraphHarness } from '../support/graph-harness';
import { createWorld, PEOPLE, submitRequest, value, type World } from './support';

describe('pending requests running out', () => {
  let h: GraphHarness;
  let world: World;
  beforeAll(async () => {
    h = await graphHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sim.control.reset();
    world = createWorld(h);
  });
  afterEach(() => world.tasks.idle());

  const request = () =>
    submitRequest(world, {
      itemId: WELL_KNOWN.apps.win32Unassigned,
      target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
      intent: { intent: 'required' },
    });

  test('a pending request gets exactly one reminder before it expires, then expires', async () => {
    const pending = await request();
    const { expiry } = world.services;

    world.clock.advanceHours(47);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    world.clock.advanceHours(2);
    expect(await expiry.sweep()).toEqual({ reminded: 1, expired: 0 });
    world.clock.advanceHours(1);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    world.clock.advanceHours(23);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 1 });
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    await world.tasks.idle();

    expect(world.notifier.story(pending.id)).toEqual(['submitted', 'reminder', 'expire']);
    const stored = await world.store.get(pending.id);
    expect(stored).toMatchObject({ status: 'expired', remindedAt: '2026-03-04T10:00:00.000Z' });
    const audit = await world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.map((a) => `${a.action}:${a.from}->${a.to}`)).toEqual([
      'submit:draft->pending',
      'remind:pending->pending',
      'expire:pending->expired',
    ]);
  });

  test('a request decided in time is neither reminded nor expired', async () => {
    const pending = await request();
    value(await world.services.decisions.reject(pending.id, PEOPLE.approver, 'Not this quarter'));

    world.clock.advanceHours(100);
    expect(await world.services.expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
  });

  test('no reminder is sent when reminders are switched off', async () => {
    world = createWorld(h, { settings: { reminderBeforeHours: 0 } });
    await request();

    world.clock.advanceHours(71);
    expect(await world.services.expiry.remindDue()).toBe(0);
    world.clock.advanceHours(2);
    expect(await world.services.expiry.expireDue()).toBe(1);
  });

  test('a request that has passed its expiry is only reminded if it has not expired', async () => {
    const pending = await request();
    world.clock.advanceHours(80);

    expect(await world.services.expiry.sweep()).toEqual({ reminded: 0, expired: 1 });
    await world.tasks.idle();
    expect(world.notifier.story(pending.id)).toEqual(['submitted', 'expire']);
  });
});
