// Meilisearch as the rest of the code sees it: prefixed index names and a health probe.
import { Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { AppConfig } from '../config/app-config';

@Injectable()
export class SearchEngineRepository {
  readonly client: Meilisearch;

  constructor(private readonly config: AppConfig) {
    this.client = new Meilisearch({ host: config.MEILI_URL, apiKey: config.MEILI_MASTER_KEY, timeout: 5000 });
  }

  /** The physical name of a logical index, so runs and deployments sharing one server never collide. */
  indexName(logical: string): string {
    return `${this.config.MEILI_INDEX_PREFIX}${logical}`;
  }

  async ping(): Promise<void> {
    const health = await this.client.health();
    if (health.status !== 'available') throw new Error(`Meilisearch is ${health.status}`);
  }
}
