const PLACEHOLDER = /\$\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

/** The result of filling: the manifest, and the placeholders that had no value. */
export interface Filled {
  manifest: unknown;
  unknown: string[];
}

/**
 * Replaces `${{NAME}}` in every string of a parsed JSON template with `values[NAME]`. Filling the
 * parsed strings, not the raw text, means a value holding a quote or a backslash cannot break
 * the JSON. Placeholders without a value are listed, never left in place silently.
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>): Filled {
  const unknown = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name];
        if (value === undefined) unknown.add(name);
        return value ?? whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const manifest = fill(template);
  return { manifest, unknown: [...unknown].sort() };
}
