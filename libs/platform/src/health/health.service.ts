import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '../database/database.repository';
import { JobQueueRepository } from '../queue/job-queue.repository';
import { SearchEngineClient } from '../search/search-engine.client';
import { DependencyStatusView, HealthReportView } from './dto/health-report.view';

const TIMEOUT_MS = 2000;

async function probe(check: () => Promise<unknown>): Promise<DependencyStatusView> {
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

  async check(): Promise<HealthReportView> {
    const [postgres, redis, meilisearch] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.jobs.ping()),
      probe(() => this.search.ping()),
    ]);
    const checks = { postgres, redis, meilisearch };
    return { status: Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'degraded', checks };
  }
}
