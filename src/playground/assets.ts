import { AppError } from '../domain/errors';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A file the page loads, with its content type. */
export interface Asset {
  path: string;
  type: string;
  /** Vendor bundles are cached by the browser; the page's own files are re-checked each load. */
  immutable: boolean;
}

/** A file inside an installed package (whose `exports` may not list it). */
function packageFile(name: string, file: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new AppError('setup-invalid', `${name}/${file} is not installed; run npm ci.`);
}

const PAGE_DIR = join(__dirname, 'page');

const PAGE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Every file the page may load, by the name it asks for: the files of `page/` and two vendor
 * bundles. Nothing else is served, so a name can never reach outside these.
 */
export function pageAssets(): Record<string, Asset> {
  const assets: Record<string, Asset> = {};
  for (const name of readdirSync(PAGE_DIR)) {
    const type = PAGE_TYPES[extname(name)];
    if (type) assets[name] = { path: join(PAGE_DIR, name), type, immutable: false };
  }
  const js = PAGE_TYPES['.js'] ?? '';
  // Microsoft's Web Chat and the Adaptive Cards renderer, from node_modules (never a CDN).
  assets['webchat.js'] = {
    path: packageFile('botframework-webchat', 'dist/webchat.js'),
    type: js,
    immutable: true,
  };
  assets['adaptivecards.js'] = {
    path: packageFile('adaptivecards', 'dist/adaptivecards.min.js'),
    type: js,
    immutable: true,
  };
  return assets;
}

/** Reads an asset, once: the files do not change while the server runs. */
export function assetReader(
  assets: Record<string, Asset>,
): (name: string) => Promise<Buffer | undefined> {
  const cache = new Map<string, Promise<Buffer>>();
  return (name) => {
    const asset = assets[name];
    if (!asset) return Promise.resolve(undefined);
    if (asset.immutable) {
      let content = cache.get(name);
      if (!content) {
        content = readFile(asset.path);
        cache.set(name, content);
      }
      return content;
    }
    return readFile(asset.path);
  };
}
