import { badRequest } from './errors';
import { isOfType } from './app-types';
import { shortTypeName } from './schema-defs';

/**
 * The `$filter` subset the simulated tenant understands: `isof('microsoft.graph.X')`,
 * `startswith(prop,'x')`, `prop eq literal`, combined with `and`/`or` and parentheses. Anything
 * else is a 400 with a message naming what is unsupported (stricter than guessing).
 */

export type Literal = string | number | boolean | null;

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'eq'; property: string; value: Literal }
  | { kind: 'startswith'; property: string; prefix: string }
  | { kind: 'isof'; typeName: string };

/** What one collection allows in `$filter`. */
export interface FilterRules {
  /** Qualified entity type for messages, e.g. `microsoft.graph.mobileApp`. */
  entity: string;
  /** Filterable properties; `undefined` allows any name. */
  properties?: ReadonlySet<string>;
  functions: ReadonlySet<'isof' | 'startswith'>;
  /** Type names `isof` accepts, and the root type every object is. */
  typeNames?: ReadonlySet<string>;
  rootType?: string;
}

type Token = { kind: 'punct' | 'string' | 'word' | 'number'; text: string; pos: number };

const TOKEN = /\s*(?:(\(|\)|,)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_@][\w.@/]*))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const pos = TOKEN.lastIndex;
    if (/^\s*$/.test(source.slice(pos))) break;
    const m = TOKEN.exec(source);
    if (!m) throw syntax(source, pos);
    if (m[1] !== undefined) tokens.push({ kind: 'punct', text: m[1], pos });
    else if (m[2] !== undefined)
      tokens.push({ kind: 'string', text: m[2].replace(/''/g, "'"), pos });
    else if (m[3] !== undefined) tokens.push({ kind: 'number', text: m[3], pos });
    else tokens.push({ kind: 'word', text: m[4] ?? '', pos });
  }
  return tokens;
}

function syntax(source: string, pos: number): Error {
  return badRequest(`Invalid filter clause: syntax error at position ${pos} in '${source}'.`);
}

/** Parses and checks a `$filter` expression against a collection's rules. */
export function parseFilter(source: string, rules: FilterRules): FilterNode {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const fail = (): Error => syntax(source, peek()?.pos ?? source.length);
  const expect = (text: string): void => {
    if (peek()?.text !== text) throw fail();
    i++;
  };
  const word = (): string => {
    const t = peek();
    if (t?.kind !== 'word') throw fail();
    i++;
    return t.text;
  };
  const str = (): string => {
    const t = peek();
    if (t?.kind !== 'string') throw fail();
    i++;
    return t.text;
  };
  const binary = (kind: 'and' | 'or', next: () => FilterNode) => (): FilterNode => {
    let left = next();
    while (peek()?.kind === 'word' && peek()?.text.toLowerCase() === kind) {
      i++;
      left = { kind, left, right: next() };
    }
    return left;
  };
  const primary = (): FilterNode => {
    if (peek()?.text === '(') {
      i++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    const name = word();
    if (peek()?.text === '(') return call(name.toLowerCase());
    const op = peek()?.kind === 'word' ? word() : '';
    if (op.toLowerCase() !== 'eq') throw unsupportedOperator(op);
    return { kind: 'eq', property: checkProperty(name, rules), value: literal() };
  };
  const call = (fn: string): FilterNode => {
    expect('(');
    let node: FilterNode;
    if (fn === 'isof' && rules.functions.has('isof')) {
      node = { kind: 'isof', typeName: checkType(str(), rules) };
    } else if (fn === 'startswith' && rules.functions.has('startswith')) {
      const property = checkProperty(word(), rules);
      expect(',');
      node = { kind: 'startswith', property, prefix: str() };
    } else {
      throw unsupportedFunction(fn, rules);
    }
    expect(')');
    return node;
  };
  const literal = (): Literal => {
    const t = peek();
    i++;
    if (t?.kind === 'string') return t.text;
    if (t?.kind === 'number') return Number(t.text);
    const lower = t?.text.toLowerCase();
    if (t?.kind === 'word' && (lower === 'true' || lower === 'false')) return lower === 'true';
    if (t?.kind === 'word' && lower === 'null') return null;
    i--;
    throw fail();
  };
  const andExpr = binary('and', primary);
  const orExpr = binary('or', andExpr);
  const tree = orExpr();
  if (i !== tokens.length) throw fail();
  return tree;
}

function unsupportedOperator(op: string): Error {
  return badRequest(
    `Invalid filter clause: the operator '${op}' is not supported by this simulated tenant; supported: eq, and, or.`,
  );
}

function unsupportedFunction(fn: string, rules: FilterRules): Error {
  const supported = [...rules.functions].map((f) => `${f}()`).join(', ') || 'none';
  return badRequest(
    `Invalid filter clause: the function '${fn}' is not supported on ${rules.entity}; supported: ${supported}.`,
  );
}

function checkProperty(name: string, rules: FilterRules): string {
  if (rules.properties && !rules.properties.has(name)) {
    throw badRequest(`Could not find a property named '${name}' on type '${rules.entity}'.`);
  }
  return name;
}

function checkType(qualified: string, rules: FilterRules): string {
  const short = qualified.startsWith('microsoft.graph.') ? shortTypeName(qualified) : '';
  if (!short || !rules.typeNames?.has(short)) {
    throw badRequest(
      `Invalid filter clause: the type '${qualified}' is not known in this version.`,
    );
  }
  return short;
}

/**
 * Evaluates a parsed filter. String comparisons (`eq`, `startswith`) ignore case, as Graph's
 * directory and Intune's store both do.
 */
export function matches(node: FilterNode, obj: Record<string, unknown>, rootType = ''): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, obj, rootType) && matches(node.right, obj, rootType);
    case 'or':
      return matches(node.left, obj, rootType) || matches(node.right, obj, rootType);
    case 'isof':
      return isOfType(shortTypeName(String(obj['@odata.type'] ?? '')), node.typeName, rootType);
    case 'startswith': {
      const value = obj[node.property];
      return typeof value === 'string' && value.toLowerCase().startsWith(node.prefix.toLowerCase());
    }
    case 'eq': {
      const value = obj[node.property] ?? null;
      if (typeof value === 'string' && typeof node.value === 'string') {
        return value.toLowerCase() === node.value.toLowerCase();
      }
      return value === node.value;
    }
  }
}
