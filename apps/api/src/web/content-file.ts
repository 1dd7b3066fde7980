// Files the pages hand out from the repository's content/ folder (samples to start from), found
// upwards from this file: the sources under apps/, or the build under dist/; else from the working folder.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function contentPath(...parts: string[]): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'content', ...parts);
    if (existsSync(candidate)) return candidate;
  }
  return join(process.cwd(), 'content', ...parts);
}
