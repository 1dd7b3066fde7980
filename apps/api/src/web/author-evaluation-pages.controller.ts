// A course's own evaluation questions (/author/courses/:id/evaluation): the standard questions every
// survey asks, the trainer's additions with a button to remove each, and a form to add one. The
// evaluation lib decides who may and how many; this page words its refusals.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CourseQuestionsService, SURVEYS } from '@chadavkhi/evaluation';
import { Roles } from '@chadavkhi/identity';
import { FormReader } from './form-fields';
import { pageRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const KINDS = ['rating', 'text'] as const;
const NOTICES = ['added', 'removed'] as const;

@ApiExcludeController()
@Controller('author/courses/:id/evaluation')
@Roles('trainer', 'admin')
export class AuthorEvaluationPagesController {
  constructor(
    private readonly questions: CourseQuestionsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const notice = NOTICES.find((n) => n === params.notice);
    return this.render(request, reply, lang, id, {
      notice: notice ? translate(lang, `evaluation.author.${notice}`) : undefined,
    });
  }

  @Post()
  async add(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = new FormReader(body, lang);
    const survey = form.choice('survey', SURVEYS);
    const kind = form.choice('kind', KINDS);
    const textMn = form.text('textMn');
    const textEn = form.text('textEn') || undefined;
    try {
      await this.questions.add(request.user!, id, { survey, kind, textMn, textEn });
      return reply.redirect(`/author/courses/${id}/evaluation?notice=added`, 303);
    } catch (error) {
      if (form.refusedBy(error, 'textMn'))
        return this.render(request, reply, lang, id, {
          status: HttpStatus.UNPROCESSABLE_ENTITY,
          errors: form.errors,
          values: form.values,
        });
      const refused = pageRefusal(error);
      if (!refused) throw error;
      return this.render(request, reply, lang, id, {
        status: refused.status,
        refusal:
          refused.slug === 'too-many-questions'
            ? translate(lang, 'evaluation.author.tooMany', { max: refused.values.max ?? 3 })
            : refused.message,
        values: form.values,
      });
    }
  }

  @Post(':questionId/remove')
  async remove(
    @UuidParam('id') id: string,
    @UuidParam('questionId') questionId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.questions.remove(request.user!, questionId);
    return reply.redirect(`/author/courses/${id}/evaluation?notice=removed`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    courseId: string,
    shown: {
      status?: number;
      notice?: string;
      refusal?: string;
      errors?: Record<string, string>;
      values?: Record<string, string>;
    },
  ) {
    const own = await this.questions.list(courseId);
    const text = (q: { mn: string; en: string }) => (lang === 'en' ? q.en : q.mn);
    const heading = translate(lang, 'evaluation.author.title');
    const values = shown.values ?? {};
    return this.pages.render(
      request,
      reply,
      'author-evaluation.hbs',
      heading,
      {
        heading,
        backHref: `/author/courses/${courseId}`,
        notice: shown.notice,
        refusal: shown.refusal,
        lead: translate(lang, 'evaluation.author.lead', { max: own.maxPerSurvey }),
        surveys: SURVEYS.map((survey) => ({
          title: translate(lang, `evaluation.survey.${survey}`),
          standard: this.questions.bank[survey].map(text),
          own: own.items
            .filter((q) => q.survey === survey)
            .map((q) => ({
              text: lang === 'en' && q.textEn ? q.textEn : q.textMn,
              kindText: translate(lang, `evaluation.author.kind.${q.kind}`),
              removeAction: `/author/courses/${courseId}/evaluation/${q.id}/remove`,
            })),
        })),
        action: `/author/courses/${courseId}/evaluation`,
        surveyOptions: SURVEYS.map((s) => ({
          value: s,
          text: translate(lang, `evaluation.survey.${s}`),
          selected: values.survey === s,
        })),
        kindOptions: KINDS.map((k) => ({
          value: k,
          text: translate(lang, `evaluation.author.kind.${k}`),
          selected: values.kind === k,
        })),
        values,
        errors: shown.errors ?? {},
      },
      { status: shown.status ?? HttpStatus.OK },
    );
  }
}
