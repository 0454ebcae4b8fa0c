import type { RequestableTarget } from './assignment';
import { isExclusion } from './slot';

/** The filter platforms (Graph's `devicePlatformType`) that apply to items of a platform label. */
const PLATFORM_FILTERS: Record<string, RegExp> = {
  Windows: /^windows/i,
  'iOS/iPadOS': /^ios/i,
  Android: /^android/i,
  macOS: /^macos/i,
};

/**
 * The assignment filters that can apply to an assignment of an item on `platform` to `target`:
 * none for an exclusion (Intune does not filter exclusions); for an include, the filters of the
 * item's platform, or all of them for a platform without filters of its own (e.g. Web).
 */
export function applicableFilters<F extends { platform: string }>(
  filters: readonly F[],
  platform: string | undefined,
  target: RequestableTarget,
): F[] {
  if (isExclusion(target)) return [];
  const pattern = platform ? PLATFORM_FILTERS[platform] : undefined;
  return pattern ? filters.filter((f) => pattern.test(f.platform)) : [...filters];
}
