import {
  helpCard,
  noticeCard,
  requestListCard,
  VERBS,
  welcomeCard,
  type Caps,
} from '../../src/cards';
import { allObjects, cardText, verbs } from './card-checks';
import { requestIn } from './factory';

const TEAMS: Caps = { style: 'execute', typeahead: true };

describe('the welcome and help cards', () => {
  it('list every command', () => {
    const text = cardText(helpCard(TEAMS).content);
    for (const command of [
      'assign',
      'my requests',
      'pending',
      'status REQ-',
      'cancel REQ-',
      'help',
    ]) {
      expect(text).toContain(command);
    }
  });

  it('have buttons for assign, my requests and pending', () => {
    const expected = [VERBS.commandAssign, VERBS.commandMyRequests, VERBS.commandPending];
    expect(verbs(helpCard(TEAMS).content)).toEqual(expected);
    expect(verbs(welcomeCard(TEAMS).content)).toEqual([...expected, VERBS.commandHelp]);
  });
});

describe('the request list card', () => {
  it('shows id, item → target, status and age for each request', () => {
    const requests = [requestIn('pending'), requestIn('assigned', { number: 1043 })];
    const text = cardText(
      requestListCard('My requests', requests, TEAMS, '2025-02-20T12:05:00.000Z').content,
    );
    expect(text).toContain('My requests');
    expect(text).toContain('REQ-1042\n · Zoom Workplace → Include Sales');
    expect(text).toContain('Pending approval · 3 h ago');
    expect(text).toContain('REQ-1043\n');
    expect(text).toContain('Assigned · 3 h ago');
  });

  it('shows each id in bold and the item and target as plain text, never as markdown', () => {
    const request = requestIn('pending', {
      item: { ...requestIn('pending').item!, name: '**Zoom** [get it](https://evil.example)' },
    });
    const row = allObjects(requestListCard('Mine', [request], TEAMS).content).find(
      (o) => o.type === 'RichTextBlock',
    );
    expect(row?.inlines).toEqual([
      { type: 'TextRun', text: 'REQ-1042', weight: 'Bolder' },
      {
        type: 'TextRun',
        text: ' · **Zoom** [get it](https://evil.example) → Include Sales',
      },
    ]);
  });

  it('shows the submission time when no clock time is given', () => {
    const text = cardText(requestListCard('Mine', [requestIn('pending')], TEAMS).content);
    expect(text).toContain('{{DATE(2025-02-20T09:05:00Z, SHORT)}}');
  });

  it('says so when the list is empty', () => {
    const text = cardText(requestListCard('Pending approvals', [], TEAMS).content);
    expect(text).toContain('There are no requests here.');
  });

  it('shows at most 20 rows and counts the rest', () => {
    const many = Array.from({ length: 23 }, (_, i) => requestIn('pending', { number: 2000 + i }));
    const content = requestListCard('Pending approvals', many, TEAMS).content;
    expect(cardText(content).match(/^REQ-/gm)).toHaveLength(20);
    expect(cardText(content)).toContain('and 3 more');
  });
});

describe('the notice card', () => {
  it.each([
    ['info', 'Default'],
    ['error', 'Attention'],
    ['success', 'Good'],
  ] as const)('shows a %s message in the %s colour', (kind, color) => {
    const text = allObjects(noticeCard('Request REQ-1042 not found.', kind).content).find(
      (o) => o.type === 'TextBlock',
    );
    expect(text).toMatchObject({ text: 'Request REQ-1042 not found.', color });
  });
});
