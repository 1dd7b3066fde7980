// What the content origin serves of a package: its files by path, and its version (which runtime
// the player hosts). Packages never change, so a file's SHA-256 is its ETag for good.
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ScormVersion } from './scorm-manifest';
import { ScormPackagesRepository } from './scorm-packages.repository';

const SHA256 = /^[0-9a-f]{64}$/;

@Injectable()
export class ScormContentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly packages: ScormPackagesRepository,
  ) {}

  async file(packageSha256: string, path: string): Promise<{ sha256: string; bytes: Buffer }> {
    const file =
      SHA256.test(packageSha256) && path.length <= 1000
        ? await this.packages.file(this.dataSource.manager, packageSha256, path)
        : undefined;
    if (!file) throw new NotFoundException('This package has no file at this path.');
    return file;
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
