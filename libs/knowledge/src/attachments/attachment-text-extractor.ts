// Reads attachments' text in worker threads, so inflating a DOCX or parsing a PDF never blocks the
// event loop that answers every other request. A thread past its time budget is terminated and a
// thread past its heap dies; either way the attachment is stored, with the reason its text is missing.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { AppConfig } from '@chadavkhi/platform';
import { ExtractedText, hasText } from './attachment-text';
import type { TextTask } from './attachment-text.thread';

/**
 * Beyond the reading's own time limit: starting a thread (it loads pdf.js) and waiting for a free
 * one behind other uploads. A thread still busy after that is terminated.
 */
const START_AND_QUEUE_ALLOWANCE_MS = 20_000;

@Injectable()
export class AttachmentTextExtractor implements OnModuleDestroy {
  private readonly logger = new Logger(AttachmentTextExtractor.name);
  private pool?: Piscina<TextTask, ExtractedText>;

  constructor(private readonly config: AppConfig) {}

  async extract(kind: string, bytes: Buffer): Promise<ExtractedText> {
    if (!hasText(kind)) return { status: 'not_applicable', text: '' };
    this.pool ??= new Piscina({
      filename: threadFile(),
      // Uploads are rare: threads start with one and stop after a quiet minute. One core stays for the event loop.
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      idleTimeout: 60_000,
      // A file that needs more heap than this is too large to index; its thread dies, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
      // Running from TypeScript sources (the tests): the thread compiles them the way jest does.
      execArgv: threadFile().endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
    });
    // The time limit counts from when a thread starts on the file, so a busy machine or a thread
    // still starting does not make an ordinary file time out; the whole wait is bounded all the same.
    const limitMs = this.config.KNOWLEDGE_TEXT_TIME_LIMIT_MS;
    try {
      return await this.pool.run(
        { kind, bytes: new Uint8Array(bytes), limitMs },
        { signal: AbortSignal.timeout(limitMs + START_AND_QUEUE_ALLOWANCE_MS) },
      );
    } catch (error) {
      const name = (error as Error)?.name;
      const code = (error as { code?: string })?.code;
      const status =
        name === 'AbortError' || name === 'TimeoutError'
          ? 'timed_out'
          : code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'too_large'
            : 'unreadable';
      this.logger.warn({ kind, size: bytes.length, status, err: error }, 'Attachment text not extracted');
      return { status, text: '' };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function threadFile(): string {
  const compiled = join(__dirname, 'attachment-text.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'attachment-text.thread.ts');
}
