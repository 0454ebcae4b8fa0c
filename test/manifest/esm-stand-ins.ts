import { dirname } from 'node:path';

/**
 * Import first in any test that loads `@microsoft/app-manifest`. It requires strip-bom 5, an ES
 * module: Node 20 loads it through require(esm), jest's CommonJS runtime cannot parse it. Packaging
 * never strips a BOM through it (the bundled schema is read by `manifest-schema.ts`), so a
 * one-line stand-in, registered for the copy the package resolves, keeps the real validator
 * loadable under jest.
 */
const appManifestDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
jest.doMock(require.resolve('strip-bom', { paths: [appManifestDir] }), () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));
