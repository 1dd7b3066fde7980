// The visible text of a package's HTML pages (scorm-text.ts), for search: a few small pages on the
// spot, more in a worker thread with a time and heap budget. Text is for search only: a package
// whose pages cannot be read in time is imported without it, never refused for it.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import type { ScormArchive } from './scorm-archive';
import type { ScormManifest } from './scorm-manifest';
import { extractText, HtmlPage, textPages } from './scorm-text';

/** Below this much markup, reading takes a few milliseconds: a thread would cost more than it saves. */
export const INLINE_HTML_BYTES = 256 * 1024;
const TIME_LIMIT_MS = 20_000;

@Injectable()
export class ScormTextReader implements OnModuleDestroy {
  private readonly logger = new Logger(ScormTextReader.name);
  private pool?: Piscina<HtmlPage[], string>;

  async read(manifest: ScormManifest, archive: ScormArchive): Promise<string> {
    const files = [...archive.files.values()];
    const pages = textPages(manifest, files).map((path) => ({ path, bytes: archive.files.get(path)!.bytes }));
    const bytes = pages.reduce((n, p) => n + p.bytes.length, 0);
    if (bytes <= INLINE_HTML_BYTES) return extractText(pages);
    this.pool ??= new Piscina({
      filename: threadFile(),
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
      // Running from TypeScript sources (the tests): the thread compiles them the way jest does.
      execArgv: threadFile().endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
    });
    try {
      return await this.pool.run(pages, { signal: AbortSignal.timeout(TIME_LIMIT_MS) });
    } catch (error) {
      this.logger.warn(`A package's pages were not read for search: ${(error as Error).message}`);
      return '';
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function threadFile(): string {
  const compiled = join(__dirname, 'scorm-text.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'scorm-text.thread.ts');
}
