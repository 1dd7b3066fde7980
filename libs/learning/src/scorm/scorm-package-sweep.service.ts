// Packages are immutable and shared, so nothing deletes one when a lesson goes; this clean-up does,
// once no draft and no published version refers to it any more, with the files only it used (a file
// another package also holds stays). Bounded: batches of BATCH packages, each its own transaction, at
// most MAX_BATCHES a run (the next run goes on). Packages younger than GRACE_MS are left alone: a
// trainer may be between removing a lesson and putting it back. Safe to repeat or run twice at once:
// claiming locks the packages (SKIP LOCKED), and a package a draft save or an import is referring to
// is locked by it and skipped (ScormPackagesRepository.unknown, storedFiles).
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ScormPackagesRepository } from './scorm-packages.repository';

export const GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 100;
const MAX_BATCHES = 50;

export interface SweepOutcome {
  packages: number;
  files: number;
  bytes: number;
}

@Injectable()
export class ScormPackageSweepService {
  private readonly logger = new Logger(ScormPackageSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly packages: ScormPackagesRepository,
  ) {}

  /** Deletes what nothing refers to, as of `asOf` (now; a test moves it forward). */
  async sweep(asOf = new Date(), batch = BATCH): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { packages: 0, files: 0, bytes: 0 };
    const createdBefore = new Date(asOf.getTime() - GRACE_MS);
    for (let round = 0; round < MAX_BATCHES; round++) {
      const done = await this.dataSource.transaction(async (manager) => {
        const claimed = await this.packages.claimUnreferenced(manager, createdBefore, batch);
        if (!claimed.length) return true;
        const deleted = await this.packages.deleteWithOwnFiles(manager, claimed);
        outcome.packages += deleted.packages;
        outcome.files += deleted.files;
        outcome.bytes += deleted.bytes;
        return claimed.length < batch;
      });
      if (done) break;
    }
    if (outcome.packages)
      this.logger.log(
        `Deleted ${outcome.packages} unused SCORM packages and ${outcome.files} files (${outcome.bytes} bytes)`,
      );
    return outcome;
  }
}
