import { blockKitProblems, modalViewProblems } from '../../src/simulator/slack/fake-slack';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const section = (text = 'hello') => ({ type: 'section', text: mrkdwn(text) });
const button = (fields: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'approve',
  text: plain('Approve'),
  value: 'REQ-1',
  ...fields,
});
const actions = (...elements: unknown[]) => ({ type: 'actions', elements });
const option = (text: string, value: string) => ({ text: plain(text), value });
const select = (fields: Record<string, unknown>) => ({
  type: 'static_select',
  action_id: 'pick',
  placeholder: plain('Choose'),
  options: [option('Sales', 'g-1')],
  ...fields,
});
const input = (element: unknown, fields: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id: 'in',
  label: plain('Justification'),
  element,
  ...fields,
});
const view = (fields: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: plain('Request an app'),
  submit: plain('Submit'),
  close: plain('Cancel'),
  blocks: [section()],
  ...fields,
});

/** Each case: a payload at the limit (accepted) and one past it (refused), with the pointer. */
const MESSAGE_CASES: [string, unknown[], unknown[], string][] = [
  [
    '50 blocks in a message',
    Array.from({ length: 50 }, () => ({ type: 'divider' })),
    Array.from({ length: 51 }, () => ({ type: 'divider' })),
    '/blocks',
  ],
  [
    'section text of 3000 characters',
    [section(x(3000))],
    [section(x(3001))],
    '/blocks/0/text/text',
  ],
  [
    '10 section fields',
    [{ type: 'section', fields: Array.from({ length: 10 }, () => plain('f')) }],
    [{ type: 'section', fields: Array.from({ length: 11 }, () => plain('f')) }],
    '/blocks/0/fields',
  ],
  [
    'a section field of 2000 characters',
    [{ type: 'section', fields: [mrkdwn(x(2000))] }],
    [{ type: 'section', fields: [mrkdwn(x(2001))] }],
    '/blocks/0/fields/0/text',
  ],
  [
    'header text of 150 characters',
    [{ type: 'header', text: plain(x(150)) }],
    [{ type: 'header', text: plain(x(151)) }],
    '/blocks/0/text/text',
  ],
  [
    'button text of 75 characters',
    [actions(button({ text: plain(x(75)) }))],
    [actions(button({ text: plain(x(76)) }))],
    '/blocks/0/elements/0/text/text',
  ],
  [
    'button value of 2000 characters',
    [actions(button({ value: x(2000) }))],
    [actions(button({ value: x(2001) }))],
    '/blocks/0/elements/0/value',
  ],
  [
    'action_id of 255 characters',
    [actions(button({ action_id: x(255) }))],
    [actions(button({ action_id: x(256) }))],
    '/blocks/0/elements/0/action_id',
  ],
  [
    'block_id of 255 characters',
    [{ ...section(), block_id: x(255) }],
    [{ ...section(), block_id: x(256) }],
    '/blocks/0/block_id',
  ],
  [
    'block_id unique within the message',
    [
      { ...section(), block_id: 'a' },
      { ...section(), block_id: 'b' },
    ],
    [
      { ...section(), block_id: 'a' },
      { ...section(), block_id: 'a' },
    ],
    '/blocks/1/block_id',
  ],
  [
    'action_id unique within its block',
    [actions(button({ action_id: 'approve' }), button({ action_id: 'reject' }))],
    [actions(button({ action_id: 'approve' }), button({ action_id: 'approve' }))],
    '/blocks/0/elements/1/action_id',
  ],
  [
    '10 context elements',
    [{ type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn('c')) }],
    [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
    '/blocks/0/elements',
  ],
  [
    '25 elements in an actions block',
    [actions(...Array.from({ length: 25 }, (_, i) => button({ action_id: `a${i}` })))],
    [actions(...Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })))],
    '/blocks/0/elements',
  ],
  [
    '100 options in a select',
    [actions(select({ options: Array.from({ length: 100 }, (_, i) => option('o', `${i}`)) }))],
    [actions(select({ options: Array.from({ length: 101 }, (_, i) => option('o', `${i}`)) }))],
    '/blocks/0/elements/0/options',
  ],
  [
    'option text of 75 characters',
    [actions(select({ options: [option(x(75), 'v')] }))],
    [actions(select({ options: [option(x(76), 'v')] }))],
    '/blocks/0/elements/0/options/0/text/text',
  ],
  [
    'option value of 150 characters',
    [actions(select({ options: [option('o', x(150))] }))],
    [actions(select({ options: [option('o', x(151))] }))],
    '/blocks/0/elements/0/options/0/value',
  ],
  [
    'a placeholder of 150 characters',
    [actions(select({ placeholder: plain(x(150)) }))],
    [actions(select({ placeholder: plain(x(151)) }))],
    '/blocks/0/elements/0/placeholder/text',
  ],
  [
    'plain text in a header, not mrkdwn',
    [{ type: 'header', text: plain('Title') }],
    [{ type: 'header', text: mrkdwn('*Title*') }],
    '/blocks/0/text/type',
  ],
  [
    'plain text on a button, not mrkdwn',
    [actions(button())],
    [actions(button({ text: mrkdwn('*Approve*') }))],
    '/blocks/0/elements/0/text/type',
  ],
  ['a section with text or fields', [section()], [{ type: 'section' }], '/blocks/0'],
  [
    'a button style of primary or danger',
    [actions(button({ style: 'danger' }))],
    [actions(button({ style: 'warning' }))],
    '/blocks/0/elements/0/style',
  ],
  [
    'an initial option among the options',
    [actions(select({ initial_option: option('Sales', 'g-1') }))],
    [actions(select({ initial_option: option('HR', 'g-2') }))],
    '/blocks/0/elements/0/initial_option',
  ],
  [
    'a confirmation dialog title of 100 characters',
    [
      actions(
        button({
          confirm: {
            title: plain(x(100)),
            text: plain('Sure?'),
            confirm: plain('Yes'),
            deny: plain('No'),
          },
        }),
      ),
    ],
    [
      actions(
        button({
          confirm: {
            title: plain(x(101)),
            text: plain('Sure?'),
            confirm: plain('Yes'),
            deny: plain('No'),
          },
        }),
      ),
    ],
    '/blocks/0/elements/0/confirm/title/text',
  ],
  ['a known block type', [{ type: 'divider' }], [{ type: 'adaptive_card' }], '/blocks/0/type'],
];

describe('Block Kit limits, as Slack documents them', () => {
  test.each(MESSAGE_CASES)('%s is accepted, one past it refused', (_label, ok, broken, pointer) => {
    expect(blockKitProblems(ok, 'message')).toEqual([]);
    expect(blockKitProblems(broken, 'message').map((p) => p.pointer)).toContain(pointer);
  });

  test('a modal holds 100 blocks, a message 50', () => {
    const blocks = Array.from({ length: 100 }, () => ({ type: 'divider' }));
    expect(blockKitProblems(blocks, 'modal')).toEqual([]);
    expect(blockKitProblems(blocks, 'message')).toEqual([
      { pointer: '/blocks', message: 'no more than 50 items allowed' },
    ]);
    expect(blockKitProblems([...blocks, { type: 'divider' }], 'modal')).toEqual([
      { pointer: '/view/blocks', message: 'no more than 100 items allowed' },
    ]);
  });

  test('characters are counted as Slack counts them, not in UTF-16 units', () => {
    expect(blockKitProblems([section('🙂'.repeat(3000))], 'message')).toEqual([]);
  });

  test.each([
    ['title', { title: plain(x(24)) }, { title: plain(x(25)) }, '/view/title/text'],
    ['submit', { submit: plain(x(24)) }, { submit: plain(x(25)) }, '/view/submit/text'],
    ['close', { close: plain(x(24)) }, { close: plain(x(25)) }, '/view/close/text'],
    [
      'private_metadata',
      { private_metadata: x(3000) },
      { private_metadata: x(3001) },
      '/view/private_metadata',
    ],
    ['callback_id', { callback_id: x(255) }, { callback_id: x(256) }, '/view/callback_id'],
    ['external_id', { external_id: x(255) }, { external_id: x(256) }, '/view/external_id'],
    [
      'a plain_text title',
      { title: plain('Request') },
      { title: mrkdwn('*Request*') },
      '/view/title/type',
    ],
  ])('a modal %s at its limit is accepted, past it refused', (_label, ok, broken, pointer) => {
    expect(modalViewProblems(view(ok))).toEqual([]);
    expect(modalViewProblems(view(broken)).map((p) => p.pointer)).toContain(pointer);
  });

  test('a modal with an input block needs a submit button', () => {
    const blocks = [input({ type: 'plain_text_input', action_id: 'text' })];
    expect(modalViewProblems(view({ blocks }))).toEqual([]);
    expect(modalViewProblems(view({ blocks, submit: undefined }))).toEqual([
      { pointer: '/view/submit', message: 'submit is required when the view has input blocks' },
    ]);
  });

  test('a plain text input allows max_length up to 3000 and min_length no more than it', () => {
    const text = (fields: Record<string, unknown>) =>
      modalViewProblems(
        view({ blocks: [input({ type: 'plain_text_input', action_id: 't', ...fields })] }),
      );
    expect(text({ max_length: 3000, min_length: 10 })).toEqual([]);
    expect(text({ max_length: 3001 }).map((p) => p.pointer)).toEqual([
      '/view/blocks/0/element/max_length',
    ]);
    expect(text({ max_length: 10, min_length: 20 }).map((p) => p.pointer)).toEqual([
      '/view/blocks/0/element/min_length',
    ]);
  });

  test('an input label of 2000 characters is accepted, and a label must be plain text', () => {
    const element = { type: 'plain_text_input', action_id: 't' };
    expect(
      modalViewProblems(view({ blocks: [input(element, { label: plain(x(2000)) })] })),
    ).toEqual([]);
    expect(
      modalViewProblems(view({ blocks: [input(element, { label: plain(x(2001)) })] })).map(
        (p) => p.pointer,
      ),
    ).toEqual(['/view/blocks/0/label/text']);
    expect(
      modalViewProblems(view({ blocks: [input(element, { label: mrkdwn('*Why*') })] })).map(
        (p) => p.pointer,
      ),
    ).toEqual(['/view/blocks/0/label/type']);
  });

  test('a button is not an input element', () => {
    expect(modalViewProblems(view({ blocks: [input(button())] })).map((p) => p.pointer)).toEqual([
      '/view/blocks/0/element/type',
    ]);
  });

  test('every problem of a payload is reported, not only the first', () => {
    const problems = blockKitProblems(
      [
        { type: 'header', text: plain(x(151)) },
        actions(button({ text: plain(x(76)), value: x(2001) })),
      ],
      'message',
    );
    expect(problems.map((p) => p.pointer)).toEqual([
      '/blocks/0/text/text',
      '/blocks/1/elements/0/text/text',
      '/blocks/1/elements/0/value',
    ]);
  });
});
