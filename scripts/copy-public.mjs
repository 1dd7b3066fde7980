// The build's last step: the browser's files (apps/api/src/web/public) copied into dist as they
// are. swc leaves them alone (it would rewrite app.js and sw.js and write source maps that
// /assets/ would then serve), and a map left by an older build is removed with the old copy.
import { cpSync, rmSync } from 'node:fs';

const from = 'apps/api/src/web/public';
const to = 'dist/apps/api/src/web/public';
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
