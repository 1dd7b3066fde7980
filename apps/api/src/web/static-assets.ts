// Static files for slow connections: app.css and app.js under names that carry a hash of their
// content, so browsers keep them for a year and a release is a new name; the service worker and the
// web app manifest at fixed addresses, always revalidated. Everything else under /assets/ (icons)
// is served by @fastify/static.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface AssetUrls {
  css: string;
  js: string;
  /** A package lesson's own script (the player's channel), loaded on those pages only. */
  scormLesson: string;
}

let urls: AssetUrls = { css: '/assets/app.css', js: '/assets/app.js', scormLesson: '/assets/scorm-lesson.js' };

/** Where the pages link the stylesheet and the script (hashed once registerAssets has run). */
export function assetUrls(): AssetUrls {
  return urls;
}

const YEAR = 'public, max-age=31536000, immutable';

export function registerAssets(app: NestFastifyApplication, publicDir: string): void {
  const fastify = app.getHttpAdapter().getInstance();
  const hashed = (file: string, type: string) => {
    const body = readFileSync(join(publicDir, file));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const [name, ext] = file.split('.');
    const url = `/assets/${name}.${hash}.${ext}`;
    fastify.get(url, (_request, reply) => reply.header('cache-control', YEAR).type(type).send(body));
    return { url, hash };
  };
  const css = hashed('app.css', 'text/css; charset=utf-8');
  const js = hashed('app.js', 'application/javascript; charset=utf-8');
  const scormLesson = hashed('scorm-lesson.js', 'application/javascript; charset=utf-8');
  urls = { css: css.url, js: js.url, scormLesson: scormLesson.url };

  // A saved package lesson needs its script offline too (2 KB on the wire).
  const shell = [css.url, js.url, scormLesson.url, '/offline', '/assets/icons/icon-192.png', '/assets/icons/icon.svg'];
  const worker = readFileSync(join(publicDir, 'sw.js'), 'utf8')
    .replace('__VERSION__', `${css.hash}-${js.hash}-${scormLesson.hash}`)
    .replace('__PRECACHE__', JSON.stringify(shell));
  fastify.get('/sw.js', (_request, reply) =>
    reply
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/')
      .type('application/javascript; charset=utf-8')
      .send(worker),
  );

  const manifest = JSON.stringify({
    name: 'Чадавхи — төрийн албан хаагчийн чадавхи',
    short_name: 'Чадавхи',
    description: 'Төрийн албан хаагчдын сургалт, мэдлэгийн сан / Training and knowledge for civil servants',
    lang: 'mn',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#0b4f8a',
    icons: [
      { src: '/assets/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/assets/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/assets/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/assets/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  });
  fastify.get('/manifest.webmanifest', (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('application/manifest+json').send(manifest),
  );
}
