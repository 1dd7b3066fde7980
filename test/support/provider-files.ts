// A SIGN_IN_PROVIDERS_FILE for a test app, in a temporary folder. The path can be taken first and the
// file written later (a browser test knows its providers' addresses only once they have started).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function providersFilePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'chadavkhi-providers-')), 'providers.json');
}

export function writeProvidersFile(providers: Record<string, unknown>[], path = providersFilePath()): string {
  writeFileSync(path, JSON.stringify({ providers }));
  return path;
}
