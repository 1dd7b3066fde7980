// docker/ cannot be run here (no Docker engine), so it is held together by reading: the compose
// files parse; every variable they interpolate from docker/.env, and every setting they give the
// apps, is documented in docker/.env.example; every variable the container scripts need is set on
// the services that run them; the replicated stack gives every app the replica and the sentinels;
// and .env.example documents every setting the apps read.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { AppConfig } from '../../libs/platform/src/config/app-config';

const docker = resolve(__dirname, '..', '..', 'docker');
type Service = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, unknown>;
  deploy?: { replicas?: number };
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const text = (file: string) => readFileSync(join(docker, file), 'utf8');
const compose = (file: string): ComposeFile =>
  parse(text(file), {
    merge: true, // the files use YAML anchors and `<<:`
    customTags: [{ tag: '!override', collection: 'seq', resolve: (value: unknown) => value }],
  });
const single = compose('compose.yml');
const replicated = compose('compose.replicated.yml');

/** A service as `docker compose -f compose.yml -f compose.replicated.yml` sees it (the merge rules the files use). */
function merged(name: string): Service {
  const base = single.services[name] ?? {};
  const over = replicated.services[name] ?? {};
  const byTarget = (list: string[] = []) => new Map(list.map((v) => [v.split(':')[1], v]));
  return {
    ...base,
    ...over,
    environment: { ...base.environment, ...over.environment },
    volumes: [...new Map([...byTarget(base.volumes), ...byTarget(over.volumes)]).values()],
    depends_on: { ...base.depends_on, ...over.depends_on },
  };
}
const serviceNames = [...new Set([...Object.keys(single.services), ...Object.keys(replicated.services)])];

/** Names docker/.env.example documents (set, or commented out with their default). */
const documented = new Set([...text('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

/**
 * Set in the compose files for the containers themselves, never read from docker/.env: the images'
 * own settings and the scripts' wiring (each value is fixed there, or interpolated — and then
 * checked below like any other interpolation).
 */
const CONTAINER_WIRING = new Set([
  'POSTGRES_USER', // postgres image: the role it creates (chadavkhi)
  'POSTGRES_DB',
  'MEILI_ENV', // meilisearch image
  'MEILI_NO_ANALYTICS',
  'PGPASSWORD', // the replica's libpq password: POSTGRES_REPLICATION_PASSWORD
  'PGAPPNAME',
  'POSTGRES_PRIMARY_HOST', // docker/postgres/replica-entrypoint.sh
  'POSTGRES_REPLICATION_SLOT',
  'REDIS_NODE_HOST', // docker/redis/redis-node.sh
  'REDIS_REPLICA_OF',
  'SENTINEL_HOST', // docker/redis/sentinel.sh
]);

/** Variables the images set themselves (postgres: PGDATA). */
const FROM_IMAGE = new Set(['PGDATA']);

describe('docker/ compose files (checked by reading: nothing here runs a container)', () => {
  it('documents in .env.example every variable the compose files take from docker/.env', () => {
    for (const file of ['compose.yml', 'compose.replicated.yml']) {
      // ${VAR}, ${VAR:-default}, ${VAR:?message}; $${…} is a literal $ for the container's shell.
      const interpolated = [...text(file).matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]);
      expect(interpolated.length).toBeGreaterThan(0);
      expect({ file, undocumented: interpolated.filter((name) => !documented.has(name)) }).toEqual({
        file,
        undocumented: [],
      });
    }
  });

  it('documents every setting a service is given, but the containers’ own wiring', () => {
    for (const name of serviceNames) {
      const environment = Object.keys(merged(name).environment ?? {});
      expect({ name, undocumented: environment.filter((v) => !documented.has(v) && !CONTAINER_WIRING.has(v)) }).toEqual(
        { name, undocumented: [] },
      );
    }
    // The wiring list holds only what the files set.
    const setSomewhere = new Set(serviceNames.flatMap((name) => Object.keys(merged(name).environment ?? {})));
    expect([...CONTAINER_WIRING].filter((v) => !setSomewhere.has(v))).toEqual([]);
  });

  it('gives every script a service mounts the variables it requires, and every mounted file exists', () => {
    for (const name of serviceNames) {
      const service = merged(name);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0];
        if (!source.startsWith('./')) continue; // a named volume
        const path = join(docker, source);
        expect(statSync(path).isFile()).toBe(true);
        if (!path.endsWith('.sh')) continue;
        const script = readFileSync(path, 'utf8');
        // Required: $VAR, ${VAR} and ${VAR:?…}; ${VAR:-…} has a default.
        const required = [...script.matchAll(/\$\{?([A-Z_][A-Z0-9_]*)(\}|:\?|(?![A-Za-z0-9_:{}-]))/g)].map((m) => m[1]);
        const missing = [...new Set(required)].filter((v) => !(v in (service.environment ?? {})) && !FROM_IMAGE.has(v));
        expect({ service: name, script: source, missing }).toEqual({ service: name, script: source, missing: [] });
      }
    }
  });

  it('keeps the scripts executable (the postgres image runs an executable init script, and sources one that is not)', () => {
    for (const dir of ['postgres', 'redis'])
      for (const file of readdirSync(join(docker, dir)).filter((f) => f.endsWith('.sh')))
        expect({ file, executable: (statSync(join(docker, dir, file)).mode & 0o111) !== 0 }).toEqual({
          file,
          executable: true,
        });
  });

  it('leaves compose.yml the single-node stack: no replica, no sentinel', () => {
    expect(Object.keys(single.services).sort()).toEqual([
      'api',
      'meilisearch',
      'migrate',
      'postgres',
      'redis',
      'worker',
    ]);
    for (const app of ['api', 'worker', 'migrate'])
      for (const setting of ['DATABASE_REPLICA_URLS', 'REDIS_SENTINELS'])
        expect(single.services[app].environment?.[setting]).toBeUndefined();
  });

  it('replicated: every app knows the replica and the sentinels, all of them services of the stack', () => {
    const sentinels = serviceNames.filter((n) => /^sentinel-\d$/.test(n));
    expect(sentinels).toHaveLength(3);
    expect(text('redis/sentinel.sh')).toMatch(/sentinel monitor \$name redis 6379 2$/m); // quorum 2 of 3
    for (const app of ['api', 'worker', 'migrate']) {
      const env = merged(app).environment!;
      expect(env.REDIS_SENTINELS.split(',').sort()).toEqual(sentinels.map((s) => `${s}:26379`));
      expect(env.REDIS_SENTINEL_NAME).toBeDefined();
      const replicas = env.DATABASE_REPLICA_URLS.split(',').map((url) => new URL(url.replace(/\$\{[^}]*\}/g, 'x')));
      for (const url of replicas) expect(serviceNames).toContain(url.hostname);
      for (const sentinel of sentinels) expect(merged(app).depends_on).toHaveProperty(sentinel);
    }
    expect(merged('api').deploy?.replicas).toBe(2);
    expect(merged('worker').deploy?.replicas).toBe(2);
    // Two api containers cannot share one host port: the replicated file replaces the mapping.
    expect(text('compose.replicated.yml')).toMatch(/ports: !override\n\s+- "3000-3001:3000"/);
    // The primary replicates, and the replica is copied from it.
    expect(merged('postgres').command).toEqual(expect.arrayContaining(['wal_level=replica']));
    expect(merged('postgres').volumes).toContain(
      './postgres/init-replication.sh:/docker-entrypoint-initdb.d/20-replication.sh:ro',
    );
    expect(text('postgres/replica-entrypoint.sh')).toMatch(/pg_basebackup [^\n]*\n\s+-R /);
    for (const volume of ['pg-replica-data', 'redis-replica-data', 'sentinel-1-data'])
      expect(replicated.volumes).toHaveProperty(volume);
  });
});

describe('docker/.env.example', () => {
  it('documents every setting the API and worker read', () => {
    const settings = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(AppConfig, '', true, false)
        .map((m) => m.propertyName),
    );
    settings.delete('DEPLOYMENT_ID'); // derived at start, never read from the environment
    expect(settings.size).toBeGreaterThan(40);
    expect([...settings].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});
