// The content origin's routes (only these answer there; scorm-origin-gate.ts): a package's files and
// their list, and the player page with its scripts and service worker. Nothing here reads a session — the product's cookie is never
// sent to this host — and every answer carries a CSP that lets package code reach nothing but this
// origin and be framed only by the product's lesson page (the player) or the player (the SCO).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib } from 'node:zlib';
import { Controller, Get, HttpException, HttpStatus, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ScormContentService, scormProductOrigin } from '@chadavkhi/learning';
import { AppConfig, byteRange, contentRange, Public } from '@chadavkhi/platform';

const YEAR = 'public, max-age=31536000, immutable';
const JS = 'application/javascript; charset=utf-8';
const brotli = promisify(brotliCompress);
/**
 * A whole file up to this size is read in one query and sent from memory (compressed when its type
 * is text); a larger one (a video) is streamed from storage, uncompressed.
 */
const WHOLE_IN_MEMORY_BYTES = 8 * 1024 * 1024;
const WHOLE = { kind: 'whole' } as const;

/** A script the player loads, under a name that carries its hash (kept a year), Brotli-compressed once, when first asked for. */
interface RuntimeScript {
  url: string;
  body: Buffer;
  compressed?: Promise<Buffer>;
}

/**
 * scorm-again's ES-module build of one runtime, made to leave its API class on `window` (the player
 * reads it there), to be loaded as `<script type="module">`: its own names stay in the module's
 * scope. The module builds are about 40% smaller than the UMD ones, which carry ES5 transforms and
 * polyfills (1.2: 16 KB against 27 KB Brotli), at the price of browsers from 2020 on (they use `??`).
 * A scorm-again release that ends its build differently fails here, at start-up, not in a learner's frame.
 */
function runtimeModule(name: string, exported: 'Scorm12API' | 'Scorm2004API'): [string, RuntimeScript] {
  const umd = require.resolve(`scorm-again/${name}/min`);
  const source = readFileSync(join(dirname(umd), 'esm', `${name}.min.js`), 'utf8');
  const ending = new RegExp(`export\\s*\\{\\s*${exported}\\s*\\};?\\s*(//# sourceMappingURL=\\S+\\s*)?$`);
  if (!ending.test(source))
    throw new Error(`scorm-again's ${name} module build no longer ends by exporting ${exported}.`);
  return runtimeScript(name, Buffer.from(source.replace(ending, `window.${exported}=${exported};\n`)));
}

function runtimeScript(name: string, body: Buffer): [string, RuntimeScript] {
  const file = `${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.js`;
  return [file, { url: `/scorm-player/runtime/${file}`, body }];
}

/** Content types of what e-learning packages hold; anything else is bytes to download. */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml',
  js: JS,
  mjs: JS,
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  ico: 'image/x-icon',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  pdf: 'application/pdf',
  swf: 'application/x-shockwave-flash',
};

function contentType(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** The headers every content-origin answer carries: its own CSP, framed by `ancestors` only. */
function contentHeaders(reply: FastifyReply, csp: string): FastifyReply {
  // helmet's X-Frame-Options (SAMEORIGIN) would stop the product's page from framing the player.
  reply.raw.removeHeader('x-frame-options');
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
}

@ApiExcludeController()
@Public()
@Controller()
export class ScormContentController {
  private readonly scripts: Map<string, RuntimeScript>;
  private readonly runtime: { scorm12: RuntimeScript; scorm2004: RuntimeScript; player: RuntimeScript };
  private readonly worker: Buffer;

  constructor(
    private readonly content: ScormContentService,
    private readonly config: AppConfig,
  ) {
    // scorm-again's own builds, read from node_modules (never copied into the repository).
    const scorm12 = runtimeModule('scorm12', 'Scorm12API');
    const scorm2004 = runtimeModule('scorm2004', 'Scorm2004API');
    const player = runtimeScript('player', readFileSync(join(__dirname, 'public', 'scorm-player.js')));
    this.worker = readFileSync(join(__dirname, 'public', 'scorm-sw.js'));
    this.scripts = new Map([scorm12, scorm2004, player]);
    this.runtime = { scorm12: scorm12[1], scorm2004: scorm2004[1], player: player[1] };
  }

  private productOrigin(request: FastifyRequest): string {
    return scormProductOrigin(this.config, request.protocol, request.host);
  }

  /**
   * A package's file, by its path inside the package; packages never change, so cached for a year.
   * A Range of one part is answered 206 (a video seeks, and Safari plays no video without it), read
   * from storage as a stream. @fastify/compress is off here: it would compress a part by its type,
   * and a compressed part's Content-Range would lie; whole files held in memory are still compressed
   * by compressInMemory, which leaves parts alone.
   */
  @Get('scorm-content/:sha/*')
  @RouteConfig({ compress: false })
  async file(
    @Param('sha') sha: string,
    @Param('*') path: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = path;
    }
    const asked = request.method === 'GET' ? request.headers.range : undefined;
    // A range is read from storage as it is sent; a whole file up to the limit comes in the one query.
    const file = await this.content.file(sha, decoded, asked === undefined ? WHOLE_IN_MEMORY_BYTES : 0);
    const etag = `"${file.sha256}"`;
    contentHeaders(
      reply,
      `default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; connect-src 'self'; frame-ancestors 'self' ${this.productOrigin(request)}; form-action 'self'; base-uri 'self'`,
    )
      .header('etag', etag)
      .header('cache-control', YEAR)
      .header('accept-ranges', 'bytes');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    reply.type(contentType(decoded));
    // If-Range: the part only of the file the client already holds part of (ETags compare strongly).
    const ifRange = request.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? byteRange(asked, file.size) : WHOLE;
    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', contentRange(undefined, file.size));
      throw new HttpException(
        {
          message: `The range asked for starts past the end of this ${file.size}-byte file.`,
          slug: 'range-not-satisfiable',
        },
        HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      );
    }
    if (range.kind === 'part')
      return reply
        .status(206)
        .header('content-range', contentRange(range, file.size))
        .header('content-length', range.end - range.start + 1)
        .send(this.content.read(file, range.start, range.end));
    if (file.bytes) return reply.send(file.bytes);
    return reply.header('content-length', file.size).send(this.content.read(file, 0, file.size - 1));
  }

  /** The content origin's service worker (scope: the whole origin, which holds only package files and the player). */
  @Get('scorm-player/sw.js')
  serviceWorker(@Res() reply: FastifyReply) {
    return contentHeaders(reply, `default-src 'self'`)
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/')
      .type(JS)
      .send(this.worker);
  }

  /** The paths of a package's files, which the player stores on the device when its course is saved for offline. */
  @Get('scorm-player/:sha/files')
  async files(@Param('sha') sha: string, @Res() reply: FastifyReply) {
    const paths = await this.content.paths(sha);
    contentHeaders(reply, `default-src 'none'; frame-ancestors 'none'`).header('cache-control', YEAR);
    return reply.type('application/json').send({ files: paths });
  }

  /** The player page for a package: scorm-again's runtime for its version, and the SCO's frame. */
  @Get('scorm-player/:sha')
  async player(@Param('sha') sha: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const version = await this.content.version(sha);
    const product = this.productOrigin(request);
    const runtime = (version === '1.2' ? this.runtime.scorm12 : this.runtime.scorm2004).url;
    contentHeaders(
      reply,
      `default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors ${product}; form-action 'self'; base-uri 'self'`,
    ).header('cache-control', 'no-cache');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="mn" data-product-origin="${product}" data-package="${sha}" data-version="${version === '1.2' ? '1.2' : '2004'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SCORM</title><style>html,body{margin:0;height:100%}iframe{display:block;border:0;width:100%;height:100%}</style><script type="module" src="${runtime}"></script><script src="${this.runtime.player.url}" defer></script></head><body><iframe id="sco" title="SCORM"></iframe></body></html>`,
      );
  }

  /**
   * The runtime's scripts, kept a year under their hashed names; Brotli at its best quality, made
   * once off the event loop (scorm-again's 2004 module build is 365 KB: about 64 KB so).
   */
  @Get('scorm-player/runtime/:file')
  async script(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const script = this.scripts.get(file);
    if (!script) throw new NotFoundException('No such script.');
    contentHeaders(reply, `default-src 'none'; frame-ancestors 'none'`)
      .header('cache-control', YEAR)
      .header('vary', 'accept-encoding')
      .type(JS);
    if (!/\bbr\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(script.body);
    script.compressed ??= brotli(script.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } });
    return reply.header('content-encoding', 'br').send(await script.compressed);
  }
}
