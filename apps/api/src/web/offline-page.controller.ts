// The page the service worker shows when a page is asked for with no connection and no saved copy:
// it says so in plain words and lists the courses saved on this device (filled in by app.js).
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import '@fastify/view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@chadavkhi/platform';
import { translate } from './i18n';
import { baseModel, pageLanguage } from './web-request';

@ApiExcludeController()
@Public()
@Controller('offline')
export class OfflinePageController {
  @Get()
  page(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const lang = pageLanguage(request);
    return reply
      .header('cache-control', 'no-cache')
      .view('offline.hbs', baseModel(request, lang, translate(lang, 'offline.pageTitle')));
  }
}
