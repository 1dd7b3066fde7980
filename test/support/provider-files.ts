// A SIGN_IN_PROVIDERS_FILE for a test app, written to a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function writeProvidersFile(providers: Record<string, unknown>[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'chadavkhi-providers-')), 'providers.json');
  writeFileSync(path, JSON.stringify({ providers }));
  return path;
}
