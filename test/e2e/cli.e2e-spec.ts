// The CLI through the owners' services: create-admin holds the API's password rule and announces a
// new person like the API does; rotate-keys records keys through certification; the real binary
// boots its Nest context with only the libs a command needs.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdmin } from '../../apps/cli/src/commands/create-admin.command';
import { rotateKeys } from '../../apps/cli/src/commands/rotate-keys.command';
import { CompiledBuild, compileApps, ROOT } from '../support/compiled-build';
import { tokenFor } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

/** Runs the CLI's compiled main.js as `npm run cli` runs its build, against this file's database. */
function runCli(
  t: TestApp,
  build: CompiledBuild,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [build.main('cli'), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        MEILI_INDEX_PREFIX: t.config.MEILI_INDEX_PREFIX,
        DATA_DIR: t.config.DATA_DIR,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI', () => {
  let t: TestApp;
  let dataDir: string;
  let build: CompiledBuild;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chadavkhi-cli-'));
    build = compileApps('cli');
    t = await startTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t?.close();
    build?.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const userCreatedFor = async (email: string): Promise<number> => {
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events e JOIN users u ON u.id::text = e.payload->>'userId' WHERE e.type = 'user.created' AND u.email = $1`,
      [email],
    );
    return n;
  };

  it('create-admin accepts the password the API accepts, announces the new person once, and a reset announces nothing', async () => {
    const lines: string[] = [];
    // 10 characters: the API's minimum (create-admin asked for 12 before).
    await createAdmin(
      t.app,
      { email: 'First.Admin@cli.chadavkhi.mn', name: 'Анхны Админ', password: 'ten-chars!' },
      (l) => lines.push(l),
    );
    expect(lines).toEqual(['Administrator first.admin@cli.chadavkhi.mn is ready.']);
    expect(await userCreatedFor('first.admin@cli.chadavkhi.mn')).toBe(1);
    const me = await t
      .http()
      .get('/api/v1/me')
      .set({ Authorization: `Bearer ${await tokenFor(t, 'first.admin@cli.chadavkhi.mn', 'ten-chars!')}` });
    expect(me.body).toEqual(expect.objectContaining({ name: 'Анхны Админ', roles: ['admin', 'learner'] }));

    await createAdmin(t.app, { email: 'first.admin@cli.chadavkhi.mn', password: 'another-password' }, () => undefined);
    expect(await userCreatedFor('first.admin@cli.chadavkhi.mn')).toBe(1);
    await tokenFor(t, 'first.admin@cli.chadavkhi.mn', 'another-password');
    const audit = await t.db.query(
      `SELECT action FROM audit_log_entries WHERE actor_email = 'cli' AND details->>'email' = 'first.admin@cli.chadavkhi.mn' ORDER BY created_at`,
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['admin.create', 'admin.reset']);
  });

  it('create-admin refuses a password the API refuses, and creates nobody', async () => {
    await expect(
      createAdmin(t.app, { email: 'short@cli.chadavkhi.mn', password: 'nine-char' }, () => undefined),
    ).rejects.toMatchObject({
      fieldErrors: [{ field: 'password', messages: ['password must be at least 10 characters'] }],
    });
    await expect(
      createAdmin(t.app, { email: 'long@cli.chadavkhi.mn', password: 'x'.repeat(129) }, () => undefined),
    ).rejects.toMatchObject({
      fieldErrors: [{ field: 'password', messages: ['password must be at most 128 characters'] }],
    });
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM users WHERE email IN ('short@cli.chadavkhi.mn', 'long@cli.chadavkhi.mn')`,
    );
    expect(n).toBe(0);
  });

  // Both keys rotate now (Ed25519 for Data Integrity proofs, P-256 for the VC-JWT): two files, two lines.
  it('rotate-keys retires the current keys, records the new ones and keeps all of them in the JWKS', async () => {
    const lines: string[] = [];
    await rotateKeys(t.app, (l) => lines.push(l));
    await rotateKeys(t.app, (l) => lines.push(l));
    const files = ['certificate-signing-key.json', 'certificate-jwt-signing-key.json'].map((f) =>
      join(dataDir, 'keys', f),
    );
    const kids = files.map((file) => JSON.parse(readFileSync(file, 'utf8')).kid as string);
    expect(lines.slice(3)).toEqual([
      `New signing key ${kids[0]} written to ${files[0]}.`,
      `New signing key ${kids[1]} written to ${files[1]}.`,
      'Restart the worker to use them. Earlier certificates keep verifying.',
    ]);
    const keys: { kid: string; current: boolean }[] = await t.db.query(
      `SELECT kid, retired_at IS NULL AS current FROM signing_keys ORDER BY created_at`,
    );
    expect(
      keys
        .filter((k) => k.current)
        .map((k) => k.kid)
        .sort(),
    ).toEqual([...kids].sort());
    expect(keys).toHaveLength(4);
    const jwks = (await t.http().get('/.well-known/jwks.json')).body as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(keys.map((k) => k.kid).sort());
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('runs as a program: a refusal is one line and exit 1, success prints what it did and exits 0, a wrong command prints the usage with exit 2', async () => {
    const refused = await runCli(t, build, ['create-admin', '--email', 'program@cli.chadavkhi.mn'], {
      ADMIN_PASSWORD: 'too-short',
    });
    expect(refused).toEqual({ code: 1, stdout: '', stderr: 'chadavkhi: password must be at least 10 characters\n' });
    const made = await runCli(
      t,
      build,
      ['create-admin', '--email', 'program@cli.chadavkhi.mn', '--agency', 'ministry-finance'],
      { ADMIN_PASSWORD: 'long-enough-password', JWT_SECRET: '' },
    );
    expect(made).toEqual({ code: 0, stdout: 'Administrator program@cli.chadavkhi.mn is ready.\n', stderr: '' });
    expect(await userCreatedFor('program@cli.chadavkhi.mn')).toBe(1);
    const usage = await runCli(t, build, ['create-user']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Usage: chadavkhi <command>/);
  }, 60000);

  it('import-staff previews the sample file, applies it only with --yes (in one run, through the worker thread of the build), and a second run has nothing to change', async () => {
    const sample = join(ROOT, 'content', 'staff', 'staff-sample.csv');
    const args = ['import-staff', sample, '--agency', 'tax-general-department'];
    const preview = await runCli(t, build, args);
    expect(preview.stderr).toBe('');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(
      '8 to create, 0 to update, 0 to move, 0 coming back, 0 leaving, 0 unchanged, 0 refused',
    );
    expect(preview.stdout).toContain('Preview only. Run again with --yes to apply these changes.');
    const before = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE registration_number IS NOT NULL`);
    expect(before[0].n).toBe(0);
    const applied = await runCli(t, build, [...args, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Applied in [\d.]+ s: 8 created, 0 updated, 0 moved, 0 back, 0 left, 0 unchanged\./);
    const again = await runCli(t, build, [...args, '--yes']);
    expect(again.stdout).toContain('Nothing to change: the staff records already match the file.');
    const refused = await runCli(t, build, ['import-staff', sample, '--agency', 'no-such-agency']);
    expect(refused).toEqual(
      expect.objectContaining({ code: 1, stderr: 'chadavkhi: No agency has the code or id no-such-agency.\n' }),
    );
  }, 60000);
});
