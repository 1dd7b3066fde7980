import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '../database/database.repository';
import { JobQueueRepository } from '../queue/job-queue.repository';
import { SearchEngineClient } from '../search/search-engine.client';

export interface DependencyStatus {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: DependencyStatus; redis: DependencyStatus; meilisearch: DependencyStatus };
}

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseRepository,
    private readonly jobs: JobQueueRepository,
    private readonly search: SearchEngineClient,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis, meilisearch] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.jobs.ping()),
      probe(() => this.search.ping()),
    ]);
    const checks = { postgres, redis, meilisearch };
    return { status: Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'degraded', checks };
  }
}
