import fs from 'node:fs';
import path from 'node:path';

import {
  applyActionStyle,
  CardTemplateError,
  isVerb,
  renderCard,
  statusLabel,
  TEMPLATE_NAMES,
  VERBS,
} from '../../src/cards';
import { findCardsDir, loadTemplates } from '../../src/cards/render';
import { REQUEST_STATUSES } from '../../src/domain/request';
import { validationProblems } from './card-checks';

const ROOT = path.resolve(__dirname, '../..');

describe('the card renderer', () => {
  it('finds cards/ from src/cards and from dist/src/cards alike', () => {
    expect(findCardsDir(path.join(ROOT, 'src/cards'))).toBe(path.join(ROOT, 'cards'));
    expect(findCardsDir(path.join(ROOT, 'dist/src/cards'))).toBe(path.join(ROOT, 'cards'));
  });

  it('has one template file for every view and nothing else in cards/', () => {
    const files = fs.readdirSync(path.join(ROOT, 'cards')).sort();
    expect(files).toEqual(TEMPLATE_NAMES.map((n) => `${n}.json`).sort());
    expect(loadTemplates().size).toBe(TEMPLATE_NAMES.length);
  });

  it('reads the templates once, not on every card', () => {
    jest.isolateModules(() => {
      const read = jest.spyOn(fs, 'readFileSync');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance
      const fresh = require('../../src/cards/render') as typeof import('../../src/cards/render');
      for (let i = 0; i < 3; i++)
        fresh.renderCard('notice', { text: 'x', color: 'Good' }, 'submit');
      fresh.renderCard('help', {}, 'execute');
      expect(read).toHaveBeenCalledTimes(TEMPLATE_NAMES.length);
      read.mockRestore();
    });
  });

  it('throws when a binding survives expansion', () => {
    expect(() => renderCard('notice', { text: 'no colour given' }, 'execute')).toThrow(
      CardTemplateError,
    );
  });

  it('passes user text holding ${...} through as text', () => {
    const card = renderCard('notice', { text: 'cost ${x}', color: 'Default' }, 'execute');
    expect(JSON.stringify(card.content)).not.toContain('${');
  });
});

describe('the action styles', () => {
  const card = {
    type: 'AdaptiveCard',
    refresh: {
      action: { type: 'Action.Execute', verb: 'request.refresh', data: { requestId: 'r' } },
    },
    removed: null,
    actions: [
      { type: 'Action.Execute', title: 'Go', verb: 'request.approve', data: { requestId: 'r' } },
      {
        type: 'Action.ShowCard',
        card: {
          type: 'AdaptiveCard',
          actions: [{ type: 'Action.Execute', verb: 'request.reject' }],
        },
      },
    ],
  };

  it('keeps Action.Execute for execute and adds the verb to its data', () => {
    const out = applyActionStyle(card, 'execute');
    expect(out.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Go',
        verb: 'request.approve',
        data: { verb: 'request.approve', requestId: 'r' },
      },
      {
        type: 'Action.ShowCard',
        card: {
          type: 'AdaptiveCard',
          actions: [
            { type: 'Action.Execute', verb: 'request.reject', data: { verb: 'request.reject' } },
          ],
        },
      },
    ]);
    expect(out).toHaveProperty('refresh.action.data.verb', 'request.refresh');
    expect(out).not.toHaveProperty('removed');
  });

  it('turns every action into Action.Submit with the verb in data and drops refresh for submit', () => {
    const out = applyActionStyle(card, 'submit');
    expect(out).not.toHaveProperty('refresh');
    expect(out.actions).toEqual([
      { type: 'Action.Submit', title: 'Go', data: { verb: 'request.approve', requestId: 'r' } },
      {
        type: 'Action.ShowCard',
        card: {
          type: 'AdaptiveCard',
          actions: [{ type: 'Action.Submit', data: { verb: 'request.reject' } }],
        },
      },
    ]);
    expect(card.actions[0]).toHaveProperty('verb');
  });
});

describe('the verbs', () => {
  it('are all known to isVerb, and nothing else is', () => {
    for (const verb of Object.values(VERBS)) expect(isVerb(verb)).toBe(true);
    for (const other of ['wizard.nope', '', 42, undefined, 'request.Approve']) {
      expect(isVerb(other)).toBe(false);
    }
    expect(Object.values(VERBS)).toHaveLength(23);
  });

  it('have a label for every request status', () => {
    for (const status of REQUEST_STATUSES) expect(statusLabel(status)).toMatch(/^[A-Z]/);
  });
});

describe('the card validation used by these tests', () => {
  const wrap = (body: unknown[], actions: unknown[] = []) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions,
  });

  it('reports unknown types, bad values, duplicate ids, too many actions and newer features', () => {
    expect(validationProblems(wrap([{ type: 'Bogus' }]))).not.toEqual([]);
    expect(validationProblems(wrap([{ type: 'TextBlock', text: 'x', color: 'pink' }]))).not.toEqual(
      [],
    );
    const twice = { type: 'Input.Text', id: 'a' };
    expect(validationProblems(wrap([twice, twice]))).not.toEqual([]);
    const six = Array.from({ length: 6 }, () => ({ type: 'Action.Execute', title: 't' }));
    expect(validationProblems(wrap([], six))).not.toEqual([]);
    const required = { type: 'Input.Text', id: 'b', isRequired: true };
    expect(validationProblems(wrap([required]))).not.toEqual([]);
    const newer = { type: 'Input.Text', id: 'c', labelPosition: 'inline' };
    expect(validationProblems(wrap([newer]))).not.toEqual([]);
    const noChoices = { type: 'Input.ChoiceSet', id: 'd', choices: [] };
    expect(validationProblems(wrap([noChoices]))).not.toEqual([]);
  });

  it('accepts the typeahead input Teams documents for 1.5 cards', () => {
    const typeahead = {
      type: 'Input.ChoiceSet',
      id: 'itemId',
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'apps' },
    };
    expect(validationProblems(wrap([typeahead]))).toEqual([]);
  });
});
