// What the content origin serves of a package: its files by path, and its version (which runtime
// the player hosts). Packages never change, so a file's SHA-256 is its ETag for good.
import { Readable } from 'node:stream';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ScormVersion } from './scorm-manifest';
import { ScormPackagesRepository } from './scorm-packages.repository';

const SHA256 = /^[0-9a-f]{64}$/;
/** How much of a file one query reads while streaming it. */
const SLICE_BYTES = 1024 * 1024;

/** A package's file: its SHA-256 (the ETag), its size, and its bytes when they were asked for whole. */
export interface ScormContentFile {
  sha256: string;
  size: number;
  bytes: Buffer | null;
}

@Injectable()
export class ScormContentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly packages: ScormPackagesRepository,
  ) {}

  /** A package's file by its path: its bytes come along only when it has at most `bytesUpTo` of them. */
  async file(packageSha256: string, path: string, bytesUpTo: number): Promise<ScormContentFile> {
    const file =
      SHA256.test(packageSha256) && path.length <= 1000
        ? await this.packages.file(this.dataSource.manager, packageSha256, path, bytesUpTo)
        : undefined;
    if (!file) throw new NotFoundException('This package has no file at this path.');
    return file;
  }

  /**
   * Bytes `start` to `end` (inclusive) of a file, read from PostgreSQL a slice at a time as the
   * answer is sent: a seek in a 50 MB video holds one slice in memory, not the video. A slice that
   * comes back short (the file was swept meanwhile) fails the stream rather than send a short body.
   */
  read(file: ScormContentFile, start: number, end: number): Readable {
    const { packages, dataSource } = this;
    async function* slices() {
      for (let at = start; at <= end; at += SLICE_BYTES) {
        const length = Math.min(SLICE_BYTES, end + 1 - at);
        const slice = await packages.fileSlice(dataSource.manager, file.sha256, at, length);
        if (slice.length !== length) throw new Error(`File ${file.sha256} ended at ${at + slice.length}.`);
        yield slice;
      }
    }
    return Readable.from(slices(), { objectMode: false });
  }

  /** Every file of a package, by path. */
  async paths(packageSha256: string): Promise<string[]> {
    await this.version(packageSha256);
    return this.packages.paths(this.dataSource.manager, packageSha256);
  }

  async version(packageSha256: string): Promise<ScormVersion> {
    const pkg = SHA256.test(packageSha256)
      ? await this.packages.find(this.dataSource.manager, packageSha256)
      : undefined;
    if (!pkg) throw new NotFoundException('No package has this id.');
    return pkg.version;
  }
}
