// Consumes the search-index queue: knowledge documents and published courses. Safe to retry, to
// repeat and to run out of order: each job re-reads the current row from PostgreSQL and upserts
// or deletes it. While Meilisearch is down the job fails and BullMQ retries it with backoff.
import { Processor } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import type { OutboxJob } from '@chadavkhi/platform';
import { DeploymentWorkerHost } from '@chadavkhi/platform';
import { SearchIndexerService } from './search-indexer.service';

type SearchJob = Job<OutboxJob<'knowledge.document.changed'>['data'] | OutboxJob<'course.published'>['data']>;

@Processor('search-index', { concurrency: 4 })
export class SearchIndexProcessor extends DeploymentWorkerHost {
  constructor(private readonly indexer: SearchIndexerService) {
    super();
  }

  async handle(job: SearchJob): Promise<{ indexed: string }> {
    if (job.name === 'knowledge.document.changed' && 'documentId' in job.data) {
      await this.indexer.indexDocuments([job.data.documentId]);
      return { indexed: job.data.documentId };
    }
    if (job.name === 'course.published' && 'courseId' in job.data) {
      await this.indexer.indexCourses([job.data.courseId]);
      return { indexed: job.data.courseId };
    }
    return { indexed: '' };
  }
}
