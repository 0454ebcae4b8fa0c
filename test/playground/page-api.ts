type Json = Record<string, unknown>;

/**
 * What the page calls, from a test: `api(path, body?)` on `/playground/api/` (POST with a body),
 * and `post(persona, conversationId, activity)` for what a persona does.
 */
export function pageApi(base: () => string) {
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${base()}playground/api/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const post = (persona: string, conversationId: string, activity: Json) =>
    api('activities', { persona, conversationId, activity });
  return { api, post };
}
