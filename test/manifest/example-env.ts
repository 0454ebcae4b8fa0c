import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

export const ROOT = join(__dirname, '..', '..');

/** The variables of `.env.example`, exactly as a fresh clone's `cp .env.example .env` gives them. */
export function exampleEnv(): Record<string, string> {
  return parse(readFileSync(join(ROOT, '.env.example')));
}

/** The template, parsed. */
export function template(): unknown {
  return JSON.parse(readFileSync(join(ROOT, 'manifest', 'manifest.template.json'), 'utf8'));
}
