import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRequestStore } from '../../src/storage/sqlite-request-store';

const ROOT = join(__dirname, '../..');

describe('start-up on a SQLite file another bot process holds', () => {
  test('the entry point exits non-zero with the reason and what to do, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-in-use-'));
    const path = join(dir, 'requests.db');
    const running = new SqliteRequestStore({ path });
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DOTENV_CONFIG_PATH: '/nonexistent',
          GRAPH_BASE_URL: 'http://127.0.0.1:4000',
          STORAGE: 'sqlite',
          SQLITE_PATH: path,
          PORT: '0',
        },
        encoding: 'utf8',
        timeout: 30_000,
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Another bot process (pid ${process.pid}`);
      expect(result.stderr).toContain('set STORAGE=azure to run several instances');
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).not.toContain('bot listening');
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
