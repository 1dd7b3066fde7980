// The page the service worker shows when a page is asked for with no connection and no saved copy:
// it says so in plain words and lists the courses saved on this device (filled in by app.js).
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@chadavkhi/platform';
import { Language, translate } from './i18n';
import { PageLanguage } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Public()
@Controller('offline')
export class OfflinePageController {
  constructor(private readonly pages: PageRenderer) {}

  /** Stored by the service worker for anyone on this device, so it carries no user's token. */
  @Get()
  page(@PageLanguage() lang: Language, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.pages.render(
      request,
      reply,
      'offline.hbs',
      translate(lang, 'offline.pageTitle'),
      {},
      {
        cache: 'no-cache',
        csrf: false,
      },
    );
  }
}
