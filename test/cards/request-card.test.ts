import {
  MAA_WAITING_TEXT,
  MAX_REFRESH_USER_IDS,
  requestCard,
  VERBS,
  type Audience,
  type Caps,
  type RequestViewer,
} from '../../src/cards';
import type { RequestStatus } from '../../src/domain/request';
import { allActions, allObjects, cardText, verbs } from './card-checks';
import { ALL_STATUSES, requestIn } from './factory';

const TEAMS: Caps = { style: 'execute', typeahead: true };
const WEB_CHAT: Caps = { style: 'submit', typeahead: false };
const viewer = (audience: Audience, canAct: boolean, caps = TEAMS): RequestViewer => ({
  caps,
  audience,
  canAct,
});
const card = (status: RequestStatus, v: RequestViewer) => requestCard(requestIn(status), v).content;

const VIEWERS = (['channel', 'requester', 'approver'] as const).flatMap((audience) =>
  [true, false].map((canAct) => viewer(audience, canAct)),
);
const everyStatusAndViewer = ALL_STATUSES.flatMap((status) =>
  VIEWERS.map((v) => [status, v] as const),
);

describe('the request card', () => {
  it('shows the chosen assignment settings in plain words, and no settings row without any', () => {
    const chosen = requestIn('pending', {
      settings: { notifications: 'hideAll', deadline: '2026-12-10T17:00', deviceLicensing: false },
    });
    const facts = allObjects(requestCard(chosen, viewer('approver', true)).content).find(
      (o) => o.type === 'FactSet',
    )?.facts as { title: string; value: string }[];
    expect(facts).toContainEqual({
      title: 'Settings',
      value:
        'notifications: hide all; installation deadline: 2026-12-10 17:00; device licensing: off',
    });
    expect(cardText(card('pending', viewer('approver', true)))).not.toContain('Settings');
  });

  it('heads with the request id and status label in the status colour', () => {
    const header = allObjects(card('pending', viewer('channel', false)))[1];
    expect(header).toMatchObject({ text: 'REQ-1042 · Pending approval', color: 'Accent' });
    const failed = allObjects(card('failed', viewer('channel', false)))[1];
    expect(failed).toMatchObject({ text: 'REQ-1042 · Failed', color: 'Attention' });
  });

  it('shows item, target, intent, filter, requester, justification, times and diff', () => {
    const text = cardText(card('pending', viewer('channel', false)));
    for (const part of [
      'Zoom Workplace · Windows (Win32) · Zoom Video Communications',
      'Include Sales',
      'Required',
      'Corporate devices (include)',
      'Megan Bowen',
      'Sales moves to Zoom on 1 March.',
      '{{DATE(2025-02-20T09:05:00Z, SHORT)}}',
      '{{DATE(2025-02-23T09:05:00Z, SHORT)}}',
      '+ Sales (required)',
      '~ Marketing: available -> required',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('says at the top, in the attention colour, why a click changed nothing', () => {
    const notice =
      'REQ-1042 was already approved by Patti Fernandez; it can no longer be approved.';
    const request = requestIn('assigned');
    const noticed = requestCard(request, { ...viewer('approver', false), notice }).content;
    expect((noticed.body as object[])[0]).toEqual({
      type: 'TextBlock',
      id: 'notice',
      text: notice,
      color: 'Attention',
      weight: 'Bolder',
      wrap: true,
    });
    const plain = requestCard(request, viewer('approver', false)).content;
    expect(allObjects(plain).some((o) => o.id === 'notice')).toBe(false);
  });

  it('shows All users as the target of a tenant-wide request', () => {
    const request = requestIn('pending', { target: { kind: 'allUsers' }, targetName: undefined });
    expect(cardText(requestCard(request, viewer('channel', false)).content)).toContain('All users');
  });

  it.each(everyStatusAndViewer)(
    'in state %s offers Approve and Reject only to an approver who can act while pending',
    (status, v) => {
      const shown = status === 'pending' && v.canAct && v.audience !== 'requester';
      const found = verbs(card(status, v));
      expect(found.includes(VERBS.requestApprove)).toBe(shown);
      expect(found.includes(VERBS.requestReject)).toBe(shown);
    },
  );

  it.each(everyStatusAndViewer)(
    'in state %s offers Cancel only to the requester while pending',
    (status, v) => {
      const shown = status === 'pending' && v.canAct && v.audience === 'requester';
      expect(verbs(card(status, v)).includes(VERBS.requestCancel)).toBe(shown);
    },
  );

  it.each(everyStatusAndViewer)(
    'in state %s offers Retry only to an approver who can act once failed',
    (status, v) => {
      const shown = status === 'failed' && v.canAct && v.audience !== 'requester';
      expect(verbs(card(status, v)).includes(VERBS.requestRetry)).toBe(shown);
    },
  );

  it.each(ALL_STATUSES)('shows the status only on the base card in state %s', (status) => {
    const base = card(status, viewer('channel', false));
    expect(allActions(base)).toEqual([]);
  });

  it('asks for a required reason before rejecting', () => {
    const showCard = allActions(card('pending', viewer('approver', true))).find(
      (a) => a.type === 'Action.ShowCard',
    );
    expect(showCard?.title).toBe('Reject');
    const inner = showCard?.card as Record<string, unknown>;
    const reason = allObjects(inner).find((o) => o.id === 'reason');
    expect(reason).toMatchObject({ type: 'Input.Text', isRequired: true });
    expect(allActions(inner).map((a) => a.title)).toEqual(['Confirm reject']);
  });

  it('says who approved while assigning', () => {
    expect(cardText(card('assigning', viewer('channel', false)))).toContain(
      'Approved by Patti Fernandez · assigning…',
    );
  });

  it('explains Multi Admin Approval and shows the approval code', () => {
    const text = cardText(card('awaiting-intune-approval', viewer('channel', false)));
    expect(text).toContain(MAA_WAITING_TEXT);
    expect(text).toContain('Approval code: maa-7781');
  });

  it("shows Graph's request id once assigned, and says when nothing changed", () => {
    const assigned = cardText(card('assigned', viewer('channel', false)));
    expect(assigned).toContain('Assigned · approved by Patti Fernandez');
    expect(assigned).toContain('graph-req-42');
    const already = requestIn('assigned', { outcome: { alreadyAssigned: true } });
    expect(cardText(requestCard(already, viewer('channel', false)).content)).toContain(
      'Already assigned, nothing changed',
    );
  });

  it('shows the error and Graph request id of a failure', () => {
    const text = cardText(card('failed', viewer('approver', true)));
    expect(text).toContain('graph-error: Resource not found');
    expect(text).toContain('graph-req-43');
  });

  it('says who rejected and why, and who cancelled', () => {
    const rejected = cardText(card('rejected', viewer('requester', true)));
    expect(rejected).toContain('Rejected by Patti Fernandez');
    expect(rejected).toContain('Use Teams instead.');
    expect(cardText(card('cancelled', viewer('channel', false)))).toContain(
      'Cancelled by Megan Bowen',
    );
    expect(cardText(card('expired', viewer('channel', false)))).toContain('Expired');
  });

  describe('refresh', () => {
    const ids = Array.from({ length: 75 }, (_, i) => `user-${i}`);

    it('asks Teams to refresh the card for the given users with request.refresh', () => {
      const content = requestCard(requestIn('pending'), {
        ...viewer('channel', false),
        refreshUserIds: ['user-1'],
      }).content;
      expect(content.refresh).toEqual({
        action: {
          type: 'Action.Execute',
          verb: VERBS.requestRefresh,
          data: { verb: VERBS.requestRefresh, requestId: 'req-0f3a' },
        },
        userIds: ['user-1'],
      });
    });

    it(`holds at most ${MAX_REFRESH_USER_IDS} users`, () => {
      const content = requestCard(requestIn('pending'), {
        ...viewer('channel', false),
        refreshUserIds: ids,
      }).content;
      expect((content.refresh as { userIds: string[] }).userIds).toEqual(ids.slice(0, 60));
    });

    it('is absent without users and in the submit style', () => {
      expect(
        requestCard(requestIn('pending'), viewer('channel', false)).content,
      ).not.toHaveProperty('refresh');
      const submit = requestCard(requestIn('pending'), {
        ...viewer('channel', false, WEB_CHAT),
        refreshUserIds: ids,
      }).content;
      expect(submit).not.toHaveProperty('refresh');
    });
  });
});
