// A commit's id and answer are kept so that the same commit sent again (a retry after a lost answer,
// the offline queue sending again) is answered the same: kept COMMIT_KEPT_DAYS, the longest the
// product waits for work done offline (an offline quiz's 30 days at most). A commit sent again
// later still changes nothing: it is older than what its SCO holds (its session's sequence, or the
// revision it started from), so it is refused as stale. Bounded: batches of BATCH rows, each its own
// statement, at most MAX_BATCHES a run (the next day's run goes on). Safe to repeat or run twice at
// once: what is gone stays gone, and rows another run holds are skipped.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScormTrackingRepository } from './scorm-tracking.repository';

export const COMMIT_KEPT_DAYS = 30;
const BATCH = 2000;
const MAX_BATCHES = 500;

@Injectable()
export class ScormCommitSweepService {
  private readonly logger = new Logger(ScormCommitSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tracking: ScormTrackingRepository,
  ) {}

  /** Deletes the commits recorded more than COMMIT_KEPT_DAYS before `asOf` (now; a test moves it); how many. */
  async sweep(asOf = new Date(), batch = BATCH): Promise<number> {
    const before = new Date(asOf.getTime() - COMMIT_KEPT_DAYS * 24 * 60 * 60 * 1000);
    let deleted = 0;
    for (let round = 0; round < MAX_BATCHES; round++) {
      const n = await this.tracking.deleteCommitsBefore(this.dataSource.manager, before, batch);
      deleted += n;
      if (n < batch) break;
    }
    if (deleted) this.logger.log(`Deleted ${deleted} SCORM commit ids older than ${COMMIT_KEPT_DAYS} days`);
    return deleted;
  }
}
