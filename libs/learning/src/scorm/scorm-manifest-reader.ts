// Parses imsmanifest.xml: a small one (most are) on the spot, a large one (up to 2 MiB, thousands of
// items: most of a second of parsing) in a worker thread with a time and heap budget, so a hostile
// or merely huge manifest never holds up other requests.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { parseScormManifest, ParsedManifest } from './scorm-manifest';
import { refuseScorm, ScormRefusal } from './scorm-refusal';
import type { ManifestResult } from './scorm-manifest.thread';

/** Below this a parse takes a few milliseconds: a thread would cost more than it saves. */
export const INLINE_MANIFEST_BYTES = 64 * 1024;
const TIME_LIMIT_MS = 15_000;

@Injectable()
export class ScormManifestReader implements OnModuleDestroy {
  private pool?: Piscina<string, ManifestResult>;

  async read(xml: string): Promise<ParsedManifest> {
    if (xml.length <= INLINE_MANIFEST_BYTES / 4 || Buffer.byteLength(xml) <= INLINE_MANIFEST_BYTES)
      return parseScormManifest(xml);
    this.pool ??= new Piscina({
      filename: threadFile(),
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
      // Running from TypeScript sources (the tests): the thread compiles them the way jest does.
      execArgv: threadFile().endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
    });
    let result: ManifestResult;
    try {
      result = await this.pool.run(xml, { signal: AbortSignal.timeout(TIME_LIMIT_MS) });
    } catch (error) {
      if (error instanceof ScormRefusal) throw error;
      return refuseScorm('invalid-manifest', 'imsmanifest.xml cannot be used: it is too large or complex to read.');
    }
    if (!result.ok) throw new ScormRefusal(result.slug, result.message, result.values);
    return result.parsed;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function threadFile(): string {
  const compiled = join(__dirname, 'scorm-manifest.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'scorm-manifest.thread.ts');
}
