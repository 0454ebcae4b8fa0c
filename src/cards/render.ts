import { AppError } from '../domain/errors';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { Template } from 'adaptivecards-templating';

import { applyActionStyle } from './action-style';
import { ADAPTIVE_CARD_CONTENT_TYPE, type ActionStyle, type CardAttachment } from './types';

/** The templates in `cards/`, one per view: `cards/<name>.json`. */
export const TEMPLATE_NAMES = [
  'welcome',
  'help',
  'notice',
  'request',
  'request-list',
  'wizard-kind',
  'wizard-item',
  'wizard-target',
  'wizard-intent',
  'wizard-settings',
  'wizard-justification',
  'wizard-review',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * The project's `cards/` folder: the nearest ancestor of this file holding `package.json` and
 * `cards/`. That is two levels up from `src/cards` (tsx, ts-jest) and three from `dist/src/cards`
 * (after `tsc`), so neither layout is hard-coded.
 */
export function findCardsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'cards');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new AppError(
        'setup-invalid',
        `cards/ templates not found above ${from}; ship cards/ beside package.json`,
      );
    }
  }
}

/** Reads and parses every template once; a missing or malformed template fails at start-up. */
export function loadTemplates(dir: string = findCardsDir()): Map<TemplateName, Template> {
  const templates = new Map<TemplateName, Template>();
  for (const name of TEMPLATE_NAMES) {
    const file = path.join(dir, `${name}.json`);
    templates.set(name, new Template(JSON.parse(readFileSync(file, 'utf8')) as unknown));
  }
  return templates;
}

let loaded: Map<TemplateName, Template> | undefined;

/**
 * Loads the templates now rather than on the first card, so that the composition root fails at
 * start-up on a missing `cards/` folder. Later calls do nothing.
 */
export function preloadTemplates(): void {
  loaded ??= loadTemplates();
}

function template(name: TemplateName): Template {
  loaded ??= loadTemplates();
  const found = loaded.get(name);
  if (found === undefined)
    throw new AppError('internal-error', `card template ${name} is not loaded`);
  return found;
}

/**
 * Data strings are never expressions, but templating passes a value such as a justification that
 * reads `${x}` through verbatim, and the check below would take it for a broken binding. A
 * zero-width space after the `$` keeps the text readable and inert.
 */
function neutralize(value: unknown): unknown {
  if (typeof value === 'string') return value.replaceAll('${', '$\u200b{');
  if (Array.isArray(value)) return value.map(neutralize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, neutralize(v)]));
  }
  return value;
}

/** Thrown when a template refers to data the view model did not supply. */
export class CardTemplateError extends Error {
  readonly code = 'card-template';
}

/**
 * Expands template `name` with a view model and adapts its actions to the channel's style.
 * Throws {@link CardTemplateError} when a binding survives expansion (templating leaves an unknown
 * path as `${...}` without complaint), so a typo never reaches a user.
 */
export function renderCard(name: TemplateName, data: object, style: ActionStyle): CardAttachment {
  const expanded: unknown = template(name).expand({ $root: neutralize(data) });
  const json = JSON.stringify(expanded);
  const unbound = /\$\{[^}]*\}?/.exec(json);
  if (unbound !== null) {
    throw new CardTemplateError(`card ${name}: unbound template expression ${unbound[0]}`);
  }
  const content = applyActionStyle(expanded as Record<string, unknown>, style);
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
