import {
  helpCard,
  noticeCard,
  requestCard,
  requestListCard,
  welcomeCard,
  wizardCard,
  type ActionStyle,
  type Caps,
  type CardAttachment,
  type WizardContext,
} from '../../src/cards';
import type { Audience } from '../../src/cards/views/request-status';
import { ALL_STATUSES, ALL_STEPS, draftAt, requestIn } from './factory';
import { APPS, FILTERS, GROUPS, SETTINGS_FORMS } from './options';

export interface NamedCard {
  name: string;
  style: ActionStyle;
  card: CardAttachment;
}

const OTHER_TARGET = {
  action: 'remove' as const,
  target: { kind: 'group' as const, groupId: 'grp-contractors', exclude: true },
  targetName: 'Contractors',
};

const AUDIENCES: Audience[] = ['channel', 'requester', 'approver'];

function wizardCards(caps: Caps): [string, CardAttachment][] {
  return ALL_STEPS.flatMap((step): [string, CardAttachment][] => {
    const draft = draftAt(step);
    const results = step === 'target' ? GROUPS : APPS;
    const base: WizardContext = { caps, justificationMax: 500, intents: ['required', 'available'] };
    return [
      [`wizard ${step}`, wizardCard(draft, base)],
      [
        `wizard ${step} with results, filters and an error`,
        wizardCard(draft, {
          ...base,
          results,
          filters: FILTERS,
          error: 'That did not work.',
        }),
      ],
      [
        `wizard ${step} with other targets and assignments to remove`,
        wizardCard(
          { ...draft, assignments: [OTHER_TARGET] },
          {
            ...base,
            removable: [{ title: 'Exclude Contractors (required)', value: 'allDevices' }],
          },
        ),
      ],
    ];
  });
}

/** The settings step with every kind of input: Windows dates and restarts, toggles, choices. */
function settingsCards(caps: Caps): [string, CardAttachment][] {
  const base: WizardContext = { caps, justificationMax: 500, settingsStep: true };
  return SETTINGS_FORMS.map(([name, settingsForm]): [string, CardAttachment] => [
    `wizard settings of ${name}`,
    wizardCard(draftAt('settings'), { ...base, settingsForm, error: 'That did not work.' }),
  ]);
}

function requestCards(caps: Caps): [string, CardAttachment][] {
  return ALL_STATUSES.flatMap((status) =>
    AUDIENCES.flatMap((audience) =>
      [true, false].map((canAct): [string, CardAttachment] => [
        `request ${status} for ${audience}${canAct ? ' who can act' : ''}`,
        requestCard(requestIn(status), {
          caps,
          audience,
          canAct,
          refreshUserIds: ['user-approver', 'user-requester'],
        }),
      ]),
    ),
  );
}

/** Every view in every state, in both styles and both typeahead modes. */
export function everyCard(): NamedCard[] {
  const out: NamedCard[] = [];
  for (const style of ['execute', 'submit'] as const) {
    for (const typeahead of [true, false]) {
      const caps = { style, typeahead };
      const cards: [string, CardAttachment][] = [
        ['welcome', welcomeCard(caps)],
        ['help', helpCard(caps)],
        ['notice info', noticeCard('Saved.', 'info')],
        ['notice error', noticeCard('Something failed.', 'error')],
        ['notice success', noticeCard('Done.', 'success')],
        ['empty list', requestListCard('My requests', [], caps)],
        [
          'list',
          requestListCard(
            'Pending approvals',
            ALL_STATUSES.map((s) => requestIn(s)),
            caps,
          ),
        ],
        ...wizardCards(caps),
        ...settingsCards(caps),
        ...requestCards(caps),
      ];
      for (const [name, card] of cards) {
        out.push({ name: `${name} (${style}, typeahead ${typeahead})`, style, card });
      }
    }
  }
  return out;
}
