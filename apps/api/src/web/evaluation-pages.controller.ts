// Evaluation pages: the reaction survey of a completed course (/learn/:id/survey), the follow-ups
// asked of me about 90 days on (/follow-ups, /follow-ups/:id). Plain forms, fine on a 320-pixel
// phone without JavaScript; who may answer what, and when, is the evaluation lib's to decide.
import { Controller, Get, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SMALL_GROUP } from '@chadavkhi/accountability';
import { FollowUpsService, PaperSheetsService, ReactionSurveyService, SurveyFormView } from '@chadavkhi/evaluation';
import { Roles } from '@chadavkhi/identity';
import { answerErrors, answersFromForm, errorSummary, questionsModel, surveyRefusal } from './evaluation-forms';
import { ValidationProblemException } from '@chadavkhi/platform';
import { formRefusal } from './form-refusal';
import { Language, translate } from './i18n';
import { courseText, formatDate } from './learning-display';
import { Form, PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

const NO_ENROLMENT = 'No enrolment of yours has this id.';
const NO_FOLLOW_UP = 'No follow-up of yours has this id.';

interface Shown {
  status?: number;
  values?: Record<string, unknown>;
  errors?: Record<string, string>;
  refusal?: string;
  notice?: string;
}

@ApiExcludeController()
@Controller()
export class EvaluationPagesController {
  constructor(
    private readonly reaction: ReactionSurveyService,
    private readonly followUps: FollowUpsService,
    private readonly pages: PageRenderer,
    private readonly paper: PaperSheetsService,
  ) {}

  /** Typing in a session's paper survey sheets, one sheet at a time (its number first). */
  @Get('sessions/:id/paper-surveys')
  @Roles('trainer', 'hr_officer', 'admin')
  async paperSheets(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const saved = typeof params.saved === 'string' && /^\d{1,6}$/.test(params.saved) ? params.saved : undefined;
    const again = typeof params.again === 'string' && /^\d{1,6}$/.test(params.again) ? params.again : undefined;
    return this.renderPaper(request, reply, lang, id, {
      notice: saved
        ? translate(lang, 'evaluation.paper.saved', { number: saved })
        : again
          ? translate(lang, 'evaluation.paper.again', { number: again })
          : undefined,
    });
  }

  @Post('sessions/:id/paper-surveys')
  @Roles('trainer', 'hr_officer', 'admin')
  async typePaperSheet(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const summary = await this.paper.summary(request.user!, id);
    const answers = answersFromForm(summary.questions, body);
    const number = Number(body.number);
    try {
      const done = await this.paper.enter(request.user!, id, { sheets: [{ number, answers }] }, request.ip ?? null);
      return reply.redirect(
        `/sessions/${id}/paper-surveys?${done.recorded ? 'saved' : 'again'}=${encodeURIComponent(String(number))}`,
        303,
      );
    } catch (error) {
      const errors = answerErrors(lang, error);
      if (errors || error instanceof ValidationProblemException)
        return this.renderPaper(request, reply, lang, id, {
          status: HttpStatus.UNPROCESSABLE_ENTITY,
          values: answers,
          errors: errors ?? {},
          refusal: errors ? undefined : translate(lang, 'evaluation.paper.badNumber'),
        });
      const refusal = formRefusal(error, [HttpStatus.CONFLICT]);
      if (!refusal) throw error;
      return this.renderPaper(request, reply, lang, id, {
        status: refusal.status,
        refusal: surveyRefusal(lang, refusal.slug) ?? refusal.message,
      });
    }
  }

  private async renderPaper(request: FastifyRequest, reply: FastifyReply, lang: Language, id: string, shown: Shown) {
    const summary = await this.paper.summary(request.user!, id);
    const questions = questionsModel(
      lang,
      summary.questions.map((q) => ({ ...q, custom: true })), // any may be blank on paper
      shown.values,
      shown.errors,
    );
    const heading = translate(lang, 'evaluation.paper.title');
    return this.pages.render(
      request,
      reply,
      'evaluation-paper.hbs',
      heading,
      {
        heading,
        backHref: `/author/sessions/${id}`,
        lead: translate(lang, 'evaluation.paper.lead', { total: summary.total }),
        notice: shown.notice,
        refusal: shown.refusal,
        nextNumber: summary.nextNumber,
        action: `/sessions/${id}/paper-surveys`,
        questions,
        errorList: errorSummary(questions),
      },
      { status: shown.status ?? HttpStatus.OK },
    );
  }

  @Get('learn/:enrollmentId/survey')
  async survey(
    @UuidParam('enrollmentId', NO_ENROLMENT) enrollmentId: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = await this.reaction.form(request.user!, enrollmentId);
    return this.renderSurvey(request, reply, lang, form, `/learn/${enrollmentId}`, {});
  }

  @Post('learn/:enrollmentId/survey')
  async answerSurvey(
    @UuidParam('enrollmentId', NO_ENROLMENT) enrollmentId: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = await this.reaction.form(request.user!, enrollmentId);
    const answers = answersFromForm(form.questions, body);
    try {
      const { created } = await this.reaction.submit(request.user!, enrollmentId, { answers });
      return reply.redirect(`/learn/${enrollmentId}?survey=${created ? 'thanks' : 'already'}#evaluation`, 303);
    } catch (error) {
      return this.refused(request, reply, lang, error, form, `/learn/${enrollmentId}`, answers);
    }
  }

  @Get('follow-ups')
  async list(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const now = new Date();
    const { items } = await this.followUps.mine(request.user!, now);
    const title = translate(lang, 'evaluation.followUps.title');
    return this.pages.render(request, reply, 'evaluation-follow-ups.hbs', title, {
      notice:
        params.notice === 'thanks'
          ? translate(lang, 'evaluation.survey.thanks')
          : params.notice === 'already'
            ? translate(lang, 'evaluation.survey.already')
            : undefined,
      items: items.map((f) => ({
        course: courseText(lang, { title: f.courseTitle, titleEn: f.courseTitleEn, language: f.courseLanguage }),
        aboutText:
          f.role === 'supervisor'
            ? translate(lang, 'evaluation.followUps.aboutStaff', { name: f.learnerName })
            : translate(lang, 'evaluation.followUps.aboutMe'),
        stateText: translate(lang, `evaluation.followUps.state.${f.state}`, { date: formatDate(lang, f.closesAt) }),
        href: f.state === 'open' ? `/follow-ups/${f.id}` : undefined,
      })),
    });
  }

  @Get('follow-ups/:id')
  async followUp(
    @UuidParam('id', NO_FOLLOW_UP) id: string,
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = await this.followUps.form(request.user!, id);
    return this.renderSurvey(request, reply, lang, form, '/follow-ups', {}, this.about(lang, form));
  }

  @Post('follow-ups/:id')
  async answerFollowUp(
    @UuidParam('id', NO_FOLLOW_UP) id: string,
    @PageLanguage() lang: Language,
    @Form() body: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const form = await this.followUps.form(request.user!, id);
    const answers = answersFromForm(form.questions, body);
    try {
      const { created } = await this.followUps.answer(request.user!, id, { answers });
      return reply.redirect(`/follow-ups?notice=${created ? 'thanks' : 'already'}`, 303);
    } catch (error) {
      return this.refused(request, reply, lang, error, form, '/follow-ups', answers, this.about(lang, form));
    }
  }

  private about(lang: Language, form: Awaited<ReturnType<FollowUpsService['form']>>): string {
    const date = formatDate(lang, form.followUp.completedAt);
    return form.followUp.role === 'supervisor'
      ? translate(lang, 'evaluation.followUp.aboutStaff', { name: form.followUp.learnerName, date })
      : translate(lang, 'evaluation.followUp.aboutMe', { date });
  }

  /** A refused sheet: the answers kept in the form, each problem beside its question. */
  private refused(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    error: unknown,
    form: SurveyFormView,
    backHref: string,
    values: Record<string, unknown>,
    aboutText?: string,
  ) {
    const errors = answerErrors(lang, error);
    if (errors)
      return this.renderSurvey(
        request,
        reply,
        lang,
        form,
        backHref,
        { status: HttpStatus.UNPROCESSABLE_ENTITY, values, errors },
        aboutText,
      );
    const refusal = formRefusal(error, [HttpStatus.CONFLICT]);
    const text = surveyRefusal(lang, refusal?.slug);
    if (!refusal || !text) throw error;
    return this.renderSurvey(
      request,
      reply,
      lang,
      { ...form, state: 'closed' },
      backHref,
      { status: refusal.status, refusal: text },
      aboutText,
    );
  }

  private renderSurvey(
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Language,
    form: SurveyFormView,
    backHref: string,
    shown: Shown,
    aboutText?: string,
  ) {
    const reaction = form.survey === 'reaction';
    const heading = translate(lang, reaction ? 'evaluation.survey.title' : 'evaluation.followUp.title');
    const open = form.state === 'open';
    // A reaction survey not open yet is still drawn, hidden: a copy saved for offline reading shows
    // it when offline (app.js), for a learner who finished the course there.
    const offlineOnly = reaction && form.state === 'not-yet-open';
    const questions = open || offlineOnly ? questionsModel(lang, form.questions, shown.values, shown.errors) : [];
    return this.pages.render(
      request,
      reply,
      'evaluation-survey.hbs',
      heading,
      {
        heading,
        course: courseText(lang, {
          title: form.courseTitle,
          titleEn: form.courseTitleEn,
          language: form.courseLanguage,
        }),
        backHref,
        backText: translate(lang, reaction ? 'learn.aboutCourse' : 'evaluation.followUps.title'),
        aboutText,
        notice: shown.notice,
        refusal: shown.refusal,
        stateText: shown.refusal
          ? undefined
          : form.state === 'answered'
            ? translate(lang, 'evaluation.survey.answered', { date: formatDate(lang, form.answeredAt!) })
            : form.state === 'closed'
              ? translate(lang, 'evaluation.survey.closed')
              : form.state === 'not-yet-open'
                ? translate(lang, reaction ? 'evaluation.survey.notYetOpen' : 'evaluation.refused.notOpen')
                : undefined,
        lead: translate(lang, 'evaluation.survey.lead', { threshold: SMALL_GROUP }),
        closesText: form.closesAt
          ? translate(lang, 'evaluation.survey.closesOn', { date: formatDate(lang, form.closesAt) })
          : '',
        action: request.url.split('?')[0],
        questions,
        offlineOnly,
        offlineSurvey: reaction ? backHref.split('/').pop() : undefined,
        errorList: errorSummary(questions),
      },
      { status: shown.status ?? HttpStatus.OK },
    );
  }
}
