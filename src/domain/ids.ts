/** Eight, four, four, four and twelve hex digits: fixed length, so the test is linear. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a GUID such as `67052cda-1180-473e-8764-7833a22352e3` (any case). Group, app, app
 * configuration policy and assignment filter ids are GUIDs, and an id from card data becomes a
 * segment of a Graph URL: anything else (`.`, `x/../..`, `groups?$top=999`) could address another
 * resource than the one named, so the use cases check every id with this before any port call.
 */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && value.length === 36 && GUID.test(value);
}
