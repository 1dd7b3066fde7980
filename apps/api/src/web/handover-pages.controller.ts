// A handover as its successor (and HR of the agency the person left) reads it: each item with its
// state, a printable PDF of the same, and for HR the choice of another successor. Identity decides
// who may see it (another person's handover is a 404 page, like its API).
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, HandoversService, UsersService } from '@chadavkhi/identity';
import { PageQuery } from '@chadavkhi/platform';
import { renderHandoverPdf } from '../handovers/handover-pdf';
import { HandoverReportService } from '../handovers/handover-report.service';
import { handoverFacts, handoverSections } from './handover-display';
import { Language, translate } from './i18n';
import { formatDate } from './learning-display';
import { pageRefusal } from './form-refusal';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const NOT_FOUND = 'No handover with this id is visible to you.';
/** Candidates offered in the successor list (the agency the person left); more is a job for the API. */
const CANDIDATES_SHOWN = 100;

@ApiExcludeController()
@Controller('handovers')
export class HandoverPagesController {
  constructor(
    private readonly reports: HandoverReportService,
    private readonly handovers: HandoversService,
    private readonly users: UsersService,
    private readonly pages: PageRenderer,
  ) {}

  @Get(':id')
  async show(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.render(request, reply, lang, id, params.notice === 'chosen', undefined);
  }

  @Get(':id/handover.pdf')
  async pdf(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const report = await this.reports.get(request.user as AuthUser, id);
    const facts = handoverFacts(lang, report);
    const pdf = await renderHandoverPdf({
      lang,
      title: translate(lang, 'handover.title', { name: report.handover.from.name }),
      facts: [
        facts.reason,
        facts.successor,
        translate(lang, 'handover.summary', { count: report.counts.items, orphaned: report.counts.orphaned }),
      ],
      sections: handoverSections(lang, report),
      footer: translate(lang, 'handover.pdf.footer', { date: formatDate(lang, new Date(), true), id }),
    });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="handover-${id}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  @Post(':id/successor')
  async choose(
    @UuidParam('id', NOT_FOUND) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.handovers.setSuccessor(request.user as AuthUser, id, String(body.successorId ?? ''), request.ip);
    } catch (error) {
      const refused = pageRefusal(error, HttpStatus.FORBIDDEN, HttpStatus.BAD_REQUEST);
      if (!refused) throw error;
      return this.render(request, reply, lang, id, false, refused);
    }
    return reply.redirect(`/handovers/${id}?notice=chosen`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    id: string,
    chosen: boolean,
    refused: { status: number; message: string } | undefined,
  ) {
    const actor = request.user as AuthUser;
    const report = await this.reports.get(actor, id);
    const h = report.handover;
    const title = translate(lang, 'handover.title', { name: h.from.name });
    let choose: Record<string, unknown> | undefined;
    if (h.mayChooseSuccessor) {
      const staff = await this.users.list(
        actor,
        Object.assign(new PageQuery(), { page: 1, limit: CANDIDATES_SHOWN, agencyId: h.agency.id }) as never,
      );
      const candidates = staff.items
        .filter((p) => p.isActive && p.id !== h.from.id)
        .map((p) => ({ value: p.id, label: p.name, selected: p.id === h.successor?.id }));
      choose = {
        action: `/handovers/${id}/successor`,
        candidates,
        error: refused ? translate(lang, 'handover.choose.refused', { message: refused.message }) : undefined,
      };
    }
    const facts = handoverFacts(lang, report);
    return this.pages.render(
      request,
      reply,
      'handover.hbs',
      title,
      {
        heading: title,
        reason: facts.reason,
        successor: facts.successor,
        orphanedWarning: !h.successor,
        summary: translate(lang, 'handover.summary', { count: report.counts.items, orphaned: report.counts.orphaned }),
        notice: chosen ? translate(lang, 'handover.choose.done') : undefined,
        pdfHref: `/handovers/${id}/handover.pdf?lang=${lang}`,
        sections: handoverSections(lang, report),
        choose,
        pagePath: `/handovers/${id}`,
      },
      { status: refused?.status ?? 200 },
    );
  }
}
