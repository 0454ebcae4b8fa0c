import {
  mayAct,
  mayCancel,
  mayDecide,
  mayRequest,
  mayRetry,
  maySee,
  sameTenant,
  type PolicyCheck,
} from '../../src/domain/approval-policy';
import type { AssignmentRequest, RequestStatus } from '../../src/domain/request';

const requester = { id: 'AAAAAAAA-0000-0000-0000-000000000001', name: 'Megan Bowen' };
const approver = { id: 'aaaaaaaa-0000-0000-0000-000000000002', name: 'Patti Fernandez' };

function requestIn(status: RequestStatus): AssignmentRequest {
  return {
    id: 'r1',
    number: 1042,
    revision: 3,
    status,
    tenantId: 't',
    requester,
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    attempts: 0,
  };
}

const codeOf = (check: PolicyCheck) => (check.ok ? 'ok' : check.error.code);

describe('the approval policy', () => {
  test('a requester never decides their own request, even as an approver', () => {
    const request = requestIn('pending');
    const self = { id: requester.id.toLowerCase(), name: requester.name };
    expect(codeOf(mayDecide({ request, actor: self, isApprover: true }))).toBe('self-approval');
    expect(codeOf(mayDecide({ request, actor: approver, isApprover: false }))).toBe('not-approver');
    expect(codeOf(mayDecide({ request, actor: approver, isApprover: true }))).toBe('ok');
  });

  test('a retry needs an approver who is not the requester', () => {
    const request = requestIn('failed');
    expect(codeOf(mayRetry({ request, actor: requester, isApprover: true }))).toBe('self-approval');
    expect(codeOf(mayRetry({ request, actor: approver, isApprover: false }))).toBe('not-approver');
    expect(codeOf(mayRetry({ request, actor: approver, isApprover: true }))).toBe('ok');
  });

  test('only the requester cancels, and only a draft or a pending request', () => {
    expect(codeOf(mayCancel({ request: requestIn('pending'), actor: requester }))).toBe('ok');
    expect(codeOf(mayCancel({ request: requestIn('draft'), actor: requester }))).toBe('ok');
    expect(codeOf(mayCancel({ request: requestIn('pending'), actor: approver }))).toBe(
      'not-requester',
    );
    const approved = mayCancel({ request: requestIn('assigned'), actor: requester });
    expect(codeOf(approved)).toBe('invalid-state');
    expect(approved.ok || approved.error.message).toMatch(
      /^REQ-1042 was approved .*no longer be cancelled/,
    );
  });

  test('requesters outside the requesters group are refused', () => {
    expect(codeOf(mayRequest({ isAllowedRequester: true }))).toBe('ok');
    expect(codeOf(mayRequest({ isAllowedRequester: false }))).toBe('requester-not-allowed');
  });

  test('status is for the requester and approvers only', () => {
    const request = requestIn('pending');
    const stranger = { id: 'x', name: 'Lee Gu' };
    expect(codeOf(maySee({ request, actor: stranger, isApprover: false }))).toBe('unknown-request');
    expect(codeOf(maySee({ request, actor: stranger, isApprover: true }))).toBe('ok');
    expect(codeOf(maySee({ request, actor: requester, isApprover: false }))).toBe('ok');
  });

  test('tenants compare without regard to case, and no configured tenant allows every tenant', () => {
    expect(sameTenant('ABC', 'abc')).toBe(true);
    expect(sameTenant('abc', 'def')).toBe(false);
    expect(sameTenant(undefined, 'abc')).toBe(false);
    expect(sameTenant('abc', undefined)).toBe(true);
  });

  test.each([
    ['pending', 'approver', true],
    ['failed', 'approver', true],
    ['approved', 'approver', false],
    ['assigning', 'approver', false],
    ['assigned', 'approver', false],
    ['rejected', 'approver', false],
    ['pending', 'requester', true],
    ['failed', 'requester', false],
    ['cancelled', 'requester', false],
    ['pending', 'requester who is an approver', true],
    ['failed', 'requester who is an approver', false],
    ['pending', 'stranger', false],
  ] as const)('on a %s request, a %s may act: %s', (status, who, expected) => {
    const request = requestIn(status);
    const actor =
      who === 'approver'
        ? approver
        : who === 'stranger'
          ? { id: 'x', name: 'Lee Gu' }
          : {
              ...requester,
              id: requester.id.toLowerCase(),
            };
    const isApprover = who !== 'requester' && who !== 'stranger';
    expect(mayAct({ request, actor, isApprover })).toBe(expected);
  });
});
