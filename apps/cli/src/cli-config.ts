import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@chadavkhi/platform';
import type { Command } from './cli.module';

/**
 * The apps' settings, validated the same way. What a command never uses need not be set: the CLI
 * signs no sessions (a throwaway JWT_SECRET fills in), and only reindex talks to Meilisearch.
 */
export function cliConfig(command: Command, env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig(env, {
    RUN_WORKERS: false,
    JWT_SECRET: env.JWT_SECRET || randomBytes(36).toString('base64url'),
    ...(command === 'reindex' ? {} : { MEILI_URL: env.MEILI_URL || 'http://127.0.0.1:7700' }),
  });
}
