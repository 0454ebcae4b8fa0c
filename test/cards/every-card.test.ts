import { isVerb } from '../../src/cards';
import { allActions, allObjects, validationProblems, verbOf } from './card-checks';
import { everyCard } from './every-card';

const cards = everyCard();
const named = cards.map((c) => [c.name, c] as const);

describe('every card the bot shows', () => {
  it('covers every view in every state and both styles', () => {
    expect(cards.length).toBeGreaterThan(200);
  });

  it.each(named)('%s parses as Adaptive Cards 1.5 without a validation event', (_name, c) => {
    expect(c.card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(c.card.content.version).toBe('1.5');
    expect(validationProblems(c.card.content)).toEqual([]);
  });

  it('leaves no template expression after expansion', () => {
    for (const c of cards) expect(JSON.stringify(c.card.content)).not.toContain('${');
  });

  it('submits only a verb and ids from every action', () => {
    for (const c of cards) {
      for (const action of allActions(c.card.content)) {
        if (action.type === 'Action.ShowCard') continue;
        const data = action.data as Record<string, unknown>;
        expect(Object.keys(data).sort()).toEqual(
          'requestId' in data ? ['requestId', 'verb'] : ['verb'],
        );
        expect(isVerb(data.verb)).toBe(true);
        if ('requestId' in data) expect(data.requestId).toMatch(/^req-/);
      }
    }
  });

  it('uses only Action.Execute in the execute style and only Action.Submit in the submit style', () => {
    for (const c of cards) {
      const types = allActions(c.card.content).map((a) => a.type);
      if (c.style === 'execute') expect(types).not.toContain('Action.Submit');
      else expect(types).not.toContain('Action.Execute');
    }
  });

  it('puts the verb on Action.Execute and in its data, and only in the data of Action.Submit', () => {
    for (const c of cards) {
      for (const action of allActions(c.card.content)) {
        if (action.type === 'Action.Execute') expect(action.verb).toBe(verbOf(action));
        if (action.type === 'Action.Submit') expect(action).not.toHaveProperty('verb');
      }
    }
  });

  it('has no refresh in the submit style and no null property anywhere', () => {
    for (const c of cards) {
      if (c.style === 'submit') expect(c.card.content).not.toHaveProperty('refresh');
      for (const o of allObjects(c.card.content)) expect(Object.values(o)).not.toContain(null);
    }
  });
});
