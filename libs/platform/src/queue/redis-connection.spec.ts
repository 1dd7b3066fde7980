// redisOptions: a URL alone, and Sentinel added by the settings.
import { loadConfig } from '../config/app-config';
import { redisOptions } from './redis-connection';

const base = {
  DATABASE_URL: 'postgres://p@127.0.0.1/c',
  MEILI_URL: 'http://127.0.0.1:7700',
  JWT_SECRET: 'x'.repeat(40),
};

describe('redisOptions', () => {
  it('connects straight to the URL without sentinels', () => {
    expect(redisOptions(loadConfig({ ...base, REDIS_URL: 'redis://:s%40cret@10.0.0.9:6380/2' }))).toMatchObject({
      host: '10.0.0.9',
      port: 6380,
      password: 's@cret',
      db: 2,
    });
  });

  it('asks the sentinels for the primary, keeping the password and database of REDIS_URL', () => {
    const options = redisOptions(
      loadConfig({ ...base, REDIS_URL: 'redis://:pw@ignored:1/3', REDIS_SENTINELS: '127.0.0.1:26379,127.0.0.1:26380' }),
    );
    expect(options).toMatchObject({
      sentinels: [
        { host: '127.0.0.1', port: 26379 },
        { host: '127.0.0.1', port: 26380 },
      ],
      name: 'mymaster',
      password: 'pw',
      db: 3,
    });
    expect(options.host).toBeUndefined();
  });
});
