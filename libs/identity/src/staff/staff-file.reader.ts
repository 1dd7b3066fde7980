// Reads staff files in a worker thread (piscina), so parsing 200,000 rows or a hostile workbook never
// blocks the event loop; a thread past its time budget is terminated, one past its heap dies, and the
// file is refused with the reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import type { StaffFileResult } from './staff-file';
import type { StaffFileTask } from './staff-file.thread';

/** Enough for 200,000 rows on a slow machine, with the thread's start. */
const READ_TIME_LIMIT_MS = 120_000;

@Injectable()
export class StaffFileReader implements OnModuleDestroy {
  private pool?: Piscina<StaffFileTask, StaffFileResult>;
  private reading = 0;

  async read(bytes: Buffer, fileName: string, maxRows: number): Promise<StaffFileResult> {
    this.pool ??= new Piscina({
      filename: threadFile(),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 1_000,
      resourceLimits: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 },
      execArgv: threadFile().endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
    });
    this.reading++;
    try {
      return await this.pool.run(
        { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, maxRows },
        { signal: AbortSignal.timeout(READ_TIME_LIMIT_MS) },
      );
    } catch (error) {
      const name = (error as Error)?.name;
      const code = (error as { code?: string })?.code;
      const why =
        name === 'AbortError' || name === 'TimeoutError'
          ? `reading it took longer than ${READ_TIME_LIMIT_MS / 1000} s`
          : code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'it needs more memory than a staff file may'
            : 'it could not be read';
      return { ok: false, code: 'unreadable', message: `The file is refused: ${why}.` };
    } finally {
      // A thread that read 200,000 rows holds hundreds of MiB: with no other file being read, it ends now.
      if (--this.reading === 0) {
        const pool = this.pool;
        this.pool = undefined;
        await pool?.destroy();
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function threadFile(): string {
  const compiled = join(__dirname, 'staff-file.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'staff-file.thread.ts');
}
