import { eventText, queuedText } from '../../src/cards/views/event-texts';
import type { AssignmentRequest } from '../../src/domain/request';
import type { EventType } from '../../src/domain/state-machine';
import { requestIn } from '../cards/factory';

const EVENTS: [EventType, AssignmentRequest][] = [
  ['submit', requestIn('pending')],
  ['approve', requestIn('approved')],
  ['reject', requestIn('rejected')],
  ['cancel', requestIn('cancelled')],
  ['expire', requestIn('expired')],
  ['held', requestIn('awaiting-intune-approval')],
  ['assigned', requestIn('assigned')],
  ['assigned', requestIn('assigned', { outcome: { alreadyAssigned: true } })],
  ['assigned', requestIn('assigned', { attempts: 2, outcome: { alreadyAssigned: true } })],
  ['failed', requestIn('failed')],
  ['retry', requestIn('assigning')],
];

describe('the text of an event', () => {
  test.each(EVENTS)(
    'for %s speaks to the requester and of the request in the thread',
    (event, request) => {
      const mine = eventText(request, event, 'requester');
      const thread = eventText(request, event, 'thread');
      expect(mine).toMatch(/^(You submitted |You cancelled |Your request )REQ-1042/);
      expect(thread).toMatch(/^REQ-1042/);
      expect(mine).not.toContain(request.requester.name);
    },
  );

  test('for a request cancelled by someone else names who did', () => {
    const request = requestIn('cancelled', { cancelledBy: { id: 'admin', name: 'Alex Wilber' } });
    expect(eventText(request, 'cancel', 'requester')).toBe(
      'Your request REQ-1042 was cancelled by Alex Wilber.',
    );
  });

  test('is none for the start of an assignment', () => {
    expect(eventText(requestIn('assigning'), 'start-assignment', 'requester')).toBeUndefined();
  });
});

describe('the text of a request queued under the write limit', () => {
  test('says the limit and a plain estimate, to the thread and to the requester', () => {
    const request = requestIn('assigning');
    const wait = { waitMs: 37_200, writesPer20s: 100 };
    expect(queuedText(request, wait, 'thread')).toBe(
      'REQ-1042 is queued: Intune allows 100 app writes per 20 s, and this one should go in about 40 s.',
    );
    expect(queuedText(request, wait, 'requester')).toBe(
      'Your request REQ-1042 is queued: Intune allows 100 app writes per 20 s, and this one should go in about 40 s.',
    );
  });

  test('gives a long wait in minutes', () => {
    const text = queuedText(
      requestIn('assigning'),
      { waitMs: 150_000, writesPer20s: 100 },
      'thread',
    );
    expect(text).toMatch(/should go in about 3 min\.$/);
  });

  test('behind other writes to the same item, names the item and gives no estimate', () => {
    const request = requestIn('assigning');
    const text = queuedText(request, { writesPer20s: 100 }, 'requester');
    expect(text).toBe(
      `Your request REQ-1042 is queued behind other writes to ${request.item!.name}, which go one at a time (Intune allows 100 app writes per 20 s); it goes once they are done.`,
    );
  });
});
