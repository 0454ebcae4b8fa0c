import { WELL_KNOWN } from '../../src/simulator/seed';
import { createWorld, PEOPLE, submitRequest, useWorld, value } from './support';

describe('pending requests running out', () => {
  const t = useWorld();

  const request = () =>
    submitRequest(t.world, {
      itemId: WELL_KNOWN.apps.win32Unassigned,
      target: { type: 'group', groupId: WELL_KNOWN.groups.sales },
      intent: { intent: 'required' },
    });

  test('a pending request gets exactly one reminder before it expires, then expires', async () => {
    const pending = await request();
    const { expiry } = t.world.services;

    t.world.clock.advanceHours(47);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    t.world.clock.advanceHours(2);
    expect(await expiry.sweep()).toEqual({ reminded: 1, expired: 0 });
    t.world.clock.advanceHours(1);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    t.world.clock.advanceHours(23);
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 1 });
    expect(await expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
    await t.world.tasks.idle();

    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'reminder', 'expire']);
    const stored = await t.world.store.get(pending.id);
    expect(stored).toMatchObject({ status: 'expired', remindedAt: '2026-03-04T10:00:00.000Z' });
    const audit = await t.world.store.auditSince('2000-01-01T00:00:00.000Z');
    expect(audit.map((a) => `${a.action}:${a.from}->${a.to}`)).toEqual([
      'submit:draft->pending',
      'remind:pending->pending',
      'expire:pending->expired',
    ]);
  });

  test('a request decided in time is neither reminded nor expired', async () => {
    const pending = await request();
    value(await t.world.services.decisions.reject(pending.id, PEOPLE.approver, 'Not this quarter'));

    t.world.clock.advanceHours(100);
    expect(await t.world.services.expiry.sweep()).toEqual({ reminded: 0, expired: 0 });
  });

  test('no reminder is sent when reminders are switched off', async () => {
    t.world = createWorld(t.h, { settings: { reminderBeforeHours: 0 } });
    await request();

    t.world.clock.advanceHours(71);
    expect(await t.world.services.expiry.remindDue()).toBe(0);
    t.world.clock.advanceHours(2);
    expect(await t.world.services.expiry.expireDue()).toBe(1);
  });

  test('a request that has passed its expiry is only reminded if it has not expired', async () => {
    const pending = await request();
    t.world.clock.advanceHours(80);

    expect(await t.world.services.expiry.sweep()).toEqual({ reminded: 0, expired: 1 });
    await t.world.tasks.idle();
    expect(t.world.notifier.story(pending.id)).toEqual(['submitted', 'expire']);
  });
});
