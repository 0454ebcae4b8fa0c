import { SETTINGS_FIELDS } from '../services/settings-form';

const FIELDS = new Set(Object.values(SETTINGS_FIELDS).flat());

/**
 * The settings card's inputs from submitted card data, and nothing else: the use case checks
 * every value (a forged or out-of-range one is refused there with the reason).
 */
export function settingsInput(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => FIELDS.has(key)));
}
