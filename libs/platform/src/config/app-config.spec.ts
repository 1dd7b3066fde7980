import { ConfigError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/chadavkhi',
  MEILI_URL: 'http://127.0.0.1:7700',
  JWT_SECRET: 'x'.repeat(40),
};

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig({ ...valid, PORT: '8080', RUN_WORKERS: 'false' });
    expect(config.PORT).toBe(8080);
    expect(config.RUN_WORKERS).toBe(false);
    expect(config.JWT_TTL_SECONDS).toBe(900);
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
  });

  it('names every missing or malformed variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(message).toMatch(/PORT must be an integer/);
    expect(message).toMatch(/JWT_SECRET must be at least 32 characters/);
    expect(message).toMatch(/MEILI_URL must be the Meilisearch URL .*\(it is not set\)/);
    expect(() => loadConfig({ ...valid, JWT_SECRET: undefined })).toThrow(
      /JWT_SECRET must be set: at least 32 random characters/,
    );
  });

  it('sends mail by SMTP only when SMTP_URL is a valid SMTP URL', () => {
    expect(loadConfig(valid).SMTP_URL).toBeUndefined();
    expect(loadConfig({ ...valid, SMTP_URL: 'smtps://user:secret@smtp.example.gov.mn:465' }).SMTP_URL).toBe(
      'smtps://user:secret@smtp.example.gov.mn:465',
    );
    expect(() => loadConfig({ ...valid, SMTP_URL: 'mail.example.gov.mn' })).toThrow(/SMTP_URL must be an SMTP URL/);
    expect(loadConfig(valid).RECERT_GRACE_DAYS).toBe(90);
    expect(() => loadConfig({ ...valid, RECERT_GRACE_DAYS: '0' })).toThrow(/RECERT_GRACE_DAYS/);
  });

  it('reads Sentinel and replica settings, and names a malformed one', () => {
    const config = loadConfig({
      ...valid,
      REDIS_SENTINELS: '127.0.0.1:26379,sentinel-2.internal:26380',
      DATABASE_REPLICA_URLS: 'postgres://a@r1:5432/chadavkhi,postgresql://a@r2/chadavkhi',
    });
    expect(config.redisSentinels).toEqual([
      { host: '127.0.0.1', port: 26379 },
      { host: 'sentinel-2.internal', port: 26380 },
    ]);
    expect(config.REDIS_SENTINEL_NAME).toBe('mymaster');
    expect(config.databaseReplicaUrls).toEqual(['postgres://a@r1:5432/chadavkhi', 'postgresql://a@r2/chadavkhi']);
    expect(config.DATABASE_REPLICA_MAX_LAG_MS).toBe(2000);
    expect(loadConfig(valid).redisSentinels).toEqual([]);
    expect(loadConfig(valid).databaseReplicaUrls).toEqual([]);
    expect(() => loadConfig({ ...valid, REDIS_SENTINELS: '127.0.0.1' })).toThrow(
      /REDIS_SENTINELS must be a comma-separated list of host:port/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_REPLICA_URLS: 'replica1:5432' })).toThrow(
      /DATABASE_REPLICA_URLS must be a comma-separated list of PostgreSQL URLs/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_REPLICA_MAX_LAG_MS: '50' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS/);
  });
});
