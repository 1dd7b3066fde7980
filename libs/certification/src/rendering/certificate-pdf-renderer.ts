// Draws certificate PDFs in worker threads, so the event loop that relays the outbox, signs
// credentials and talks to PostgreSQL does not also draw them (the largest share of a certificate's
// CPU, about 9 ms). With CERT_PDF_THREADS=0 they are drawn on the event loop.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { AppConfig } from '@chadavkhi/platform';
import { CertificateArtwork, renderCertificatePdf } from './certificate-pdf';

@Injectable()
export class CertificatePdfRenderer implements OnModuleDestroy {
  private pool?: Piscina<CertificateArtwork, Uint8Array>;

  constructor(private readonly config: AppConfig) {}

  async render(art: CertificateArtwork): Promise<Buffer> {
    const threads = this.config.certPdfThreads;
    if (threads === 0) return renderCertificatePdf(art);
    this.pool ??= new Piscina({
      filename: threadFile(),
      // Threads start with the first certificate and stop after a quiet minute, so an API process
      // that never issues one, or a worker between batches, holds no idle thread heaps.
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Drawing a certificate makes a lot of short-lived garbage; a young generation of 64 MB
      // (V8's default is a few) collects it less often and took a seventh off the CPU per PDF.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
      // Running from TypeScript sources (the tests): the thread compiles them the way jest does.
      execArgv: threadFile().endsWith('.ts') ? ['--require', '@swc-node/register'] : [],
    });
    const bytes = await this.pool.run(art);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}

function threadFile(): string {
  const compiled = join(__dirname, 'certificate-pdf.thread.js');
  return existsSync(compiled) ? compiled : join(__dirname, 'certificate-pdf.thread.ts');
}
