// npm run lint: ESLint (typescript-eslint's recommended rules, eslint.config.mjs) and Prettier's
// check (.prettierrc.json), side by side. `npm run format` rewrites what Prettier would change.
// `npm test` runs this beside the type-check; exits non-zero when either finds anything.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FORMATTED = ['{apps,libs,test,scripts,bench,types}/**/*.{ts,mjs,js,css}', '*.{js,mjs,json}'];

const root = resolve(fileURLToPath(import.meta.url), '../..');

function run(label, args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ label, code, output }));
  });
}

/** Both checks; resolves to true when both pass, after printing what either found. */
export async function lint(say = (line) => console.log(line)) {
  const results = await Promise.all([
    run('ESLint', ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0']),
    run('Prettier', ['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', ...FORMATTED]),
  ]);
  for (const { label, code, output } of results) {
    if (code === 0) continue;
    say(`${label} found problems${label === 'Prettier' ? ' (npm run format fixes them)' : ''}:`);
    console.log(output.trimEnd());
  }
  return results.every(({ code }) => code === 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--write') {
    const { code, output } = await run('Prettier', [
      'node_modules/prettier/bin/prettier.cjs',
      '--write',
      '--log-level',
      'warn',
      ...FORMATTED,
    ]);
    if (output.trim()) console.log(output.trimEnd());
    process.exit(code ?? 1);
  }
  process.exit((await lint()) ? 0 : 1);
}
