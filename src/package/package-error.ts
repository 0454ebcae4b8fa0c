/**
 * Why a Teams app package could not be built: `package-config-invalid` when variables are missing
 * or wrong, `package-invalid` when the filled manifest or an icon breaks Teams' rules. `problems`
 * lists every one, so a single run shows all there is to fix.
 */
export class PackageError extends Error {
  constructor(
    readonly code: 'package-config-invalid' | 'package-invalid',
    readonly problems: string[],
  ) {
    const heading =
      code === 'package-config-invalid'
        ? 'The Teams app package needs these variables (in .env or the environment; .env.example has an example of each):'
        : 'The Teams app package is not valid:';
    super(`${heading}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}
