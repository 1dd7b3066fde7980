// The apps compiled as production runs them (swc, as `npm run build` does), into a folder of this
// run under .data/ so that the compiled code resolves node_modules from the repository. Spawning the
// compiled entry point costs a fraction of a second; spawning the TypeScript through a loader
// compiles the whole tree again in every child process.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { testRun } from './test-env';

export const ROOT = join(__dirname, '..', '..');

export interface CompiledBuild {
  dir: string;
  /** The compiled entry point of an app, e.g. main('worker') → …/apps/worker/src/main.js. */
  main: (app: 'api' | 'worker' | 'cli') => string;
  remove: () => void;
}

/** Compiles apps/ and libs/ (without their specs) for the calling test file; the caller removes it. */
export function compileApps(name: string): CompiledBuild {
  const dir = join(ROOT, '.data', 'test-runs', testRun().runId, `${name}-${randomBytes(4).toString('hex')}`);
  const build = spawnSync(
    process.execPath,
    [
      'node_modules/@swc/cli/bin/swc.js',
      'apps',
      'libs',
      '-d',
      dir,
      '--copy-files',
      '--config-file',
      '.swcrc',
      '--ignore',
      '**/*.spec.ts',
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`swc build failed: ${build.stderr}`);
  return {
    dir,
    main: (app) => join(dir, 'apps', app, 'src', 'main.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
