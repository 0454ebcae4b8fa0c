import * as AC from 'adaptivecards';

type Json = unknown;
type JsonObject = Record<string, Json>;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a card, depth first. */
export function allObjects(node: Json): JsonObject[] {
  if (Array.isArray(node)) return node.flatMap(allObjects);
  if (!isObject(node)) return [];
  return [node, ...Object.values(node).flatMap(allObjects)];
}

/** Every action (including inside ShowCard cards, ActionSets and `refresh`). */
export function allActions(card: JsonObject): JsonObject[] {
  return allObjects(card).filter(
    (o) => typeof o.type === 'string' && (o.type as string).startsWith('Action.'),
  );
}

/** The actions a user can press, found by title. */
export function actionTitles(card: JsonObject): string[] {
  return allActions(card)
    .map((a) => a.title)
    .filter((t): t is string => typeof t === 'string');
}

/** The `Data.Query` objects of typeahead inputs. */
export function dataQueries(card: JsonObject): JsonObject[] {
  return allObjects(card)
    .map((o) => o['choices.data'])
    .filter(isObject);
}

/** The verb an action submits, wherever the style put it. */
export function verbOf(action: JsonObject): string | undefined {
  const data = action.data;
  return isObject(data) && typeof data.verb === 'string' ? data.verb : undefined;
}

export function verbs(card: JsonObject): string[] {
  return allActions(card)
    .map(verbOf)
    .filter((v): v is string => v !== undefined);
}

/** Every `text` and fact value, for asserting what a card says. */
export function cardText(card: JsonObject): string {
  return allObjects(card)
    .flatMap((o) => [o.text, o.value, o.title].filter((v) => typeof v === 'string'))
    .join('\n');
}

/**
 * The kind of every element of a card that shows `needle`: `TextRun`, `TextBlock`, `Fact`,
 * `Input.Text`, ... A fact is an object with a title and a value but no type.
 */
export function holdersOf(card: Json, needle: string): string[] {
  return allObjects(card)
    .filter((o) =>
      [o.text, o.value, o.title].some((v) => typeof v === 'string' && v.includes(needle)),
    )
    .map((o) => (typeof o.type === 'string' ? o.type : 'Fact'));
}

function typeaheadIds(card: JsonObject): Set<string> {
  return new Set(
    allObjects(card)
      .filter((o) => o.type === 'Input.ChoiceSet' && isObject(o['choices.data']))
      .map((o) => String(o.id)),
  );
}

/**
 * Teams documents dynamic typeahead (`choices.data`) on 1.5 cards, with static `choices` optional
 * (its own example has none); the `adaptivecards` library files the property under 1.6 and wants
 * a choice. These two messages, on a typeahead input only, are the library's, not the card's.
 */
const TYPEAHEAD_ALLOWED = [
  'Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  'An Input.ChoiceSet must have at least one choice defined.',
];

/**
 * Parses a card with the `adaptivecards` library for version 1.5 and returns every parse and
 * validation event (unknown types, bad enum values, duplicate ids, too many actions, required
 * inputs without label or error message, features newer than 1.5), less the typeahead two above.
 */
export function validationProblems(content: JsonObject): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(content, context);
  const events: { source?: unknown; message: string }[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  const typeahead = typeaheadIds(content);
  return events
    .filter(
      (e) =>
        !(
          e.source instanceof AC.ChoiceSetInput &&
          typeahead.has(String(e.source.id)) &&
          TYPEAHEAD_ALLOWED.includes(e.message)
        ),
    )
    .map((e) => e.message);
}
