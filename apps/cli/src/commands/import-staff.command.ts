// import-staff FILE --agency CODE [--full] [--yes] [--invite]: the staff file's preview (what would
// change, every refused row with its line), then — confirmed at the prompt, or with --yes — the
// same plan applied in one transaction through identity's StaffImportsService, as on the web.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { StaffImportsService, type StaffImportProgress, type StaffImportView } from '@chadavkhi/identity';

const STEPS = ['read', 'plan', 'store', 'apply', 'done'] as const;

export async function importStaff(
  app: INestApplicationContext,
  args: { file?: string; agency?: string; full: boolean; yes: boolean; invite: boolean; progress: boolean },
  log: (line: string) => void,
  ask: (question: string) => Promise<string> = askOnTerminal,
): Promise<number> {
  if (!args.file) throw new Error('Give the staff file: import-staff FILE --agency CODE [--full] [--yes]');
  if (!args.agency?.trim()) throw new Error('--agency CODE is required: the agency whose subtree the file lists');
  const size = statSync(args.file).size;
  const imports = app.get(StaffImportsService);
  const started = Date.now();
  const preview = await withBar(args.progress, 'Preview', (progress) =>
    imports.preview(
      'cli',
      { bytes: readFileSync(args.file!), fileName: basename(args.file!) },
      { agency: args.agency!, fullSync: args.full },
      null,
      progress,
    ),
  );
  describe(preview, size, log);
  log(`Previewed in ${((Date.now() - started) / 1000).toFixed(1)} s (import ${preview.id}).`);
  if (!preview.canApply) {
    log(`Nothing was changed: ${preview.counts.problems} row(s) refused. Correct the file and run again.`);
    return 1;
  }
  const changes = preview.changes.total;
  if (changes === 0) {
    log('Nothing to change: the staff records already match the file.');
    return 0;
  }
  if (!args.yes) {
    if (!process.stdin.isTTY) {
      log('Preview only. Run again with --yes to apply these changes.');
      return 0;
    }
    const answer = (await ask(`Apply these ${changes} change(s)? [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') {
      log('Not applied. Nothing was changed.');
      return 0;
    }
  }
  const applyStarted = Date.now();
  const result = await withBar(args.progress, 'Apply', (progress) =>
    imports.apply('cli', preview.id, null, { invite: args.invite }, progress),
  );
  const a = result.applied;
  log(
    `Applied in ${((Date.now() - applyStarted) / 1000).toFixed(1)} s: ${a.create} created, ${a.update} updated, ${a.move} moved, ` +
      `${a.rejoin} back, ${a.leave} left, ${a.unchanged} unchanged.`,
  );
  return 0;
}

function describe(preview: StaffImportView, size: number, log: (line: string) => void): void {
  const c = preview.counts;
  log(
    `${preview.fileName} (${(size / 1024).toFixed(0)} KiB) for ${preview.agency.code}${preview.fullSync ? ', full sync' : ''}:`,
  );
  log(
    `  ${c.create} to create, ${c.update} to update, ${c.move} to move, ${c.rejoin} coming back, ${c.leave} leaving, ` +
      `${c.unchanged} unchanged, ${c.problems} refused`,
  );
  for (const p of preview.problems.items.slice(0, 20))
    log(`  line ${p.line ?? '-'}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
  if (c.problems > 20) log(`  … and ${c.problems - 20} more refused rows`);
  for (const ch of preview.changes.items.filter((x) => x.kind === 'leave' || x.kind === 'move').slice(0, 10))
    log(
      `  ${ch.kind}: ${ch.name} ${ch.from ? `${ch.from.agencyCode}/${ch.from.positionCode}` : ''}${ch.to ? ` → ${ch.to.agencyCode}/${ch.to.positionCode}` : ''}`,
    );
}

/** A bar over the steps of a preview or an apply (reading, planning, storing or writing), when on a terminal. */
async function withBar<T>(
  show: boolean,
  label: string,
  run: (progress: StaffImportProgress) => Promise<T>,
): Promise<T> {
  if (!show) return run(() => undefined);
  const bar = new SingleBar(
    { format: `${label} [{bar}] {step}`, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(STEPS.length - 1, 0, { step: 'starting' });
  try {
    return await run((step, detail) => bar.update(STEPS.indexOf(step), { step: detail ? `${step}: ${detail}` : step }));
  } finally {
    bar.stop();
  }
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
