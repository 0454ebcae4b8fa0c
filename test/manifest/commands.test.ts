import { parseCommand, type Command } from '../../src/bot/commands';
import { template } from './example-env';

interface CommandList {
  scopes: string[];
  commands: { title: string; description: string }[];
}

const lists = (): CommandList[] =>
  (template() as { bots: { commandLists: CommandList[] }[] }).bots[0]?.commandLists ?? [];

/** What the bot does when a user picks a title from the list and adds a request id if asked. */
function commandOf(title: string): Command['name'] {
  const takesId = ['status', 'cancel'].includes(title);
  return parseCommand(takesId ? `${title} REQ-1042` : title).name;
}

const EVERYWHERE: Command['name'][] = [
  'assign',
  'myRequests',
  'pending',
  'status',
  'cancel',
  'help',
];

describe('the manifest command lists', () => {
  test.each([
    ['personal', EVERYWHERE],
    ['groupChat', EVERYWHERE],
    ['team', [...EVERYWHERE, 'setApprovalsChannel']],
  ])('the %s list holds every SPEC command for that scope, and nothing else', (scope, expected) => {
    const list = lists().find((l) => l.scopes.includes(scope));
    expect(list?.scopes).toEqual([scope]);
    expect(list?.commands.map((c) => commandOf(c.title))).toEqual(expected);
  });

  test('every title except help is a command the bot understands, not the help fallback', () => {
    for (const { commands } of lists()) {
      for (const { title, description } of commands) {
        if (title !== 'help') expect(commandOf(title)).not.toBe('help');
        expect(description.length).toBeGreaterThan(0);
      }
    }
  });
});
