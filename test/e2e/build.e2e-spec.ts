// `npm run build` as production runs it: the browser's files reach dist/ as written, with no source
// map beside them for /assets/ to serve.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

describe('the build', () => {
  it('copies the browser files into dist as they are, without source maps', () => {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
    expect(build.status).toBe(0);
    const source = join(root, 'apps', 'api', 'src', 'web', 'public');
    const built = join(root, 'dist', 'apps', 'api', 'src', 'web', 'public');
    const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    expect(files(built).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files(built)).toEqual(files(source));
    for (const script of ['app.js', 'sw.js'])
      expect(readFileSync(join(built, script), 'utf8')).toBe(readFileSync(join(source, script), 'utf8'));
    // The server code itself is still compiled (with its maps, for stack traces).
    expect(readdirSync(join(root, 'dist', 'apps', 'api', 'src'))).toEqual(
      expect.arrayContaining(['main.js', 'main.js.map']),
    );
  }, 120_000);
});
