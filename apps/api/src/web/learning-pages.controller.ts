// Learner pages: the catalogue, a course, enrolling, the enrolment overview and the lesson reader.
// Plain links and forms, so they work without JavaScript; the rules stay in the learning services.
import { Controller, Get, HttpException, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttemptsService, AttemptSummary } from '@chadavkhi/assessment';
import { ReactionSurveyService } from '@chadavkhi/evaluation';
import { AuthUser, hasRole, Roles } from '@chadavkhi/identity';
import { KnowledgeSearchService, SearchQuery } from '@chadavkhi/knowledge';
import {
  CourseDetailView,
  CourseSummaryView,
  CoursesService,
  EnrollmentDetailView,
  EnrollmentsService,
  offlineAttemptMinutes,
  scormContentOrigin,
  ScormTrackingService,
  SessionsService,
} from '@chadavkhi/learning';
import { courseSessionsModel } from './course-sessions-display';
import { AppConfig, PageQuery } from '@chadavkhi/platform';
import { Language, translate } from './i18n';
import { courseText, formatDate, minutesText, progressModel } from './learning-display';
import { pageNumber, pagerModel } from './pager';
import { PageLanguage, PageQueryParams, UuidParam } from './page-request.decorators';
import { PageRenderer } from './page-renderer';
import { assetUrls } from './static-assets';

const CATALOGUE_PAGE_SIZE = 10;
const COURSE_LANGUAGES = ['mn', 'en'] as const;

@ApiExcludeController()
@Controller()
export class LearningPagesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrollments: EnrollmentsService,
    private readonly attempts: AttemptsService,
    private readonly pages: PageRenderer,
    private readonly sessions: SessionsService,
    private readonly search: KnowledgeSearchService,
    private readonly reaction: ReactionSurveyService,
    private readonly scorm: ScormTrackingService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Words typed into the catalogue go to the search engine, which matches Mongolian word forms
   * ("хууль" finds "хуулийн"), typos and lesson text, and ranks what it finds; a substring match on
   * titles and summaries missed all three. Undefined when the engine is away or finds nothing (a
   * course published a second ago may not be indexed yet): the catalogue then uses that substring
   * match rather than failing or saying nothing matches.
   */
  private async searchCourses(
    user: AuthUser,
    ip: string,
    q: string,
    language: 'mn' | 'en' | undefined,
    page: number,
  ): Promise<{ items: (CourseSummaryView & { snippetHtml?: string })[]; total: number } | undefined> {
    let result;
    try {
      result = await this.search.search(
        user,
        Object.assign(new SearchQuery(), { q, kind: 'course', language, page, limit: CATALOGUE_PAGE_SIZE }),
        ip,
      );
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) return undefined;
      throw error;
    }
    if (!result.total) return undefined;
    // A card shows its summary; the words found in a lesson are shown beneath it, highlighted.
    const lessonSnippets = new Map(
      result.items.filter((hit) => hit.highlight.snippetFrom === 'body').map((hit) => [hit.id, hit.highlight.snippet]),
    );
    const items = (await this.courses.summaries(result.items.map((hit) => hit.id))).map((course) => ({
      ...course,
      snippetHtml: lessonSnippets.get(course.id),
    }));
    return { items, total: result.total };
  }

  @Get('courses')
  async catalogue(
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const q = typeof params.q === 'string' ? params.q.trim().slice(0, 100) : '';
    const language = COURSE_LANGUAGES.find((l) => l === params.language);
    const page = pageNumber(params.page);
    const found: { items: (CourseSummaryView & { snippetHtml?: string })[]; total: number } =
      (q ? await this.searchCourses(request.user!, request.ip, q, language, page) : undefined) ??
      (await this.courses.catalogue(
        Object.assign(new PageQuery(), { page, limit: CATALOGUE_PAGE_SIZE, q: q || undefined, language }),
      ));
    const filtered = !!q || !!language;
    return this.pages.render(request, reply, 'courses.hbs', translate(lang, 'catalogue.title'), {
      q,
      languageOptions: [
        { value: 'all', label: translate(lang, 'catalogue.allLanguages'), selected: !language },
        ...COURSE_LANGUAGES.map((l) => ({
          value: l,
          label: translate(lang, `language.${l}`),
          selected: language === l,
        })),
      ],
      countText: found.total ? translate(lang, 'catalogue.count', { count: found.total }) : '',
      courses: found.items.map((c) => ({
        ...courseText(lang, c),
        href: `/courses/${c.id}`,
        minutes: minutesText(lang, c.estimatedMinutes),
        lessons: translate(lang, 'course.lessonCount', { count: c.lessonCount }),
        languageName: translate(lang, `language.${c.language}`),
        snippetHtml: c.snippetHtml,
      })),
      emptyText: translate(lang, filtered ? 'catalogue.noMatch' : 'catalogue.empty'),
      filtered,
      pager: pagerModel(lang, '/courses', { q: q || undefined, language }, page, CATALOGUE_PAGE_SIZE, found.total),
    });
  }

  @Get('courses/:id')
  async course(
    @UuidParam('id') id: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const course = await this.courses.published(user, id);
    const text = courseText(lang, course);
    return this.pages.render(request, reply, 'course.hbs', text.title, {
      course: text,
      facts: this.facts(lang, course),
      competencyCodes: course.competencyCodes,
      modules: course.modules.map((m, i) => ({
        title: m.title,
        number: i + 1,
        lessons: m.lessons.map((l) => ({ title: l.title, optional: !l.required })),
      })),
      enrollment: course.enrollment ? await this.enrollmentSummary(lang, user, course) : undefined,
      canEnrol: hasRole(user, 'learner'),
      // HR officers run classroom training in the soums: the current version, printed.
      pack: hasRole(user, 'hr_officer', 'admin')
        ? {
            href: `/api/v1/courses/${course.id}/versions/${course.version}/pack.pdf`,
            lang,
            versionText: translate(lang, 'packs.version', { version: course.version }),
          }
        : undefined,
      enrolAction: `/courses/${course.id}/enroll`,
      classroom: await courseSessionsModel(lang, user, this.sessions, course.id, params.session),
    });
  }

  @Post('courses/:id/enroll')
  @Roles('learner')
  async enroll(@UuidParam('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { created, enrollment } = await this.enrollments.enroll(request.user!, id);
    return reply.redirect(`/learn/${enrollment.id}${created ? '?enrolled=1' : ''}`, 303);
  }

  @Get('learn/:enrollmentId')
  async overview(
    @UuidParam('enrollmentId') enrollmentId: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const enrollment = await this.enrollments.get(request.user!, enrollmentId);
    const attempts = enrollment.quizzes.length ? await this.attempts.attemptsOn(request.user!, enrollment.id) : [];
    const text = courseText(lang, {
      title: enrollment.courseTitle,
      titleEn: enrollment.courseTitleEn,
      language: enrollment.language,
    });
    const lessonHref = (lessonId: string) => `/learn/${enrollment.id}/lessons/${lessonId}`;
    const completed = enrollment.status === 'completed';
    const finalQuiz = enrollment.quizzes.find((q) => q.final);
    // The reaction survey is offered on the completion page while it is open.
    const survey = completed ? (await this.reaction.form(request.user!, enrollment.id)).state : undefined;
    this.framingPackages(request, reply);
    return this.pages.render(request, reply, 'enrollment.hbs', text.title, {
      course: text,
      courseHref: `/courses/${enrollment.courseId}`,
      progress: progressModel(lang, enrollment.completedLessons, enrollment.totalLessons, enrollment.progressPercent),
      completed,
      statusText: translate(lang, `status.${enrollment.status}`),
      completedOn: enrollment.completedAt
        ? translate(lang, 'learn.completedOn', { date: formatDate(lang, enrollment.completedAt) })
        : undefined,
      evaluation:
        survey === 'open'
          ? { href: `/learn/${enrollment.id}/survey`, text: translate(lang, 'evaluation.card.open') }
          : survey === 'answered'
            ? { text: translate(lang, 'evaluation.card.answered') }
            : undefined,
      notice:
        params.survey === 'thanks'
          ? translate(lang, 'evaluation.survey.thanks')
          : params.survey === 'already'
            ? translate(lang, 'evaluation.survey.already')
            : completed && params.completed
              ? translate(lang, 'learn.justCompleted')
              : params.enrolled
                ? translate(lang, 'learn.enrolled')
                : undefined,
      quizRefusal:
        params.quiz === 'quiz-already-passed'
          ? translate(lang, 'quiz.refused.passed')
          : params.quiz === 'no-attempts-left'
            ? translate(lang, 'quiz.refused.noAttempts')
            : undefined,
      quizzes: this.quizzes(lang, enrollment, attempts),
      resumeHref: !completed && enrollment.resumeLessonId ? lessonHref(enrollment.resumeLessonId) : undefined,
      resumeText: translate(lang, enrollment.completedLessons ? 'learn.continue' : 'learn.start'),
      finalQuizText:
        finalQuiz && !enrollment.finalQuizPassed
          ? translate(lang, 'learn.finalQuiz', { title: finalQuiz.title, percent: finalQuiz.passMarkPercent })
          : undefined,
      versionText: translate(lang, 'learn.version', { version: enrollment.version }),
      enrollmentId: enrollment.id,
      version: enrollment.version,
      modules: enrollment.modules.map((m, i) => ({
        title: m.title,
        number: i + 1,
        lessons: m.lessons.map((l) => ({
          title: l.title,
          href: lessonHref(l.id),
          done: l.completed,
          optional: !l.required,
          current: l.id === enrollment.resumeLessonId && !completed,
        })),
      })),
    });
  }

  @Get('learn/:enrollmentId/lessons/:lessonId')
  async lesson(
    @UuidParam('enrollmentId') enrollmentId: string,
    @UuidParam('lessonId') lessonId: string,
    @PageLanguage() lang: Language,
    @PageQueryParams() params: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const [enrollment, lesson] = await Promise.all([
      this.enrollments.get(user, enrollmentId),
      this.enrollments.lesson(user, enrollmentId, lessonId),
    ]);
    const text = courseText(lang, {
      title: enrollment.courseTitle,
      titleEn: enrollment.courseTitleEn,
      language: enrollment.language,
    });
    const titles = new Map(enrollment.modules.flatMap((m) => m.lessons.map((l) => [l.id, l.title] as const)));
    const base = `/learn/${enrollment.id}`;
    const scorm =
      lesson.kind === 'scorm' ? await this.scormModel(lang, request, reply, enrollmentId, lessonId) : undefined;
    return this.pages.render(request, reply, 'lesson.hbs', lesson.title, {
      scorm,
      course: text,
      overviewHref: base,
      lesson: {
        title: lesson.title,
        moduleTitle: lesson.moduleTitle,
        html: lesson.html,
        videoUrl: lesson.videoUrl,
        package: lesson.kind === 'scorm',
        completed: lesson.completed,
        optional: !lesson.required,
      },
      positionText: translate(lang, 'lesson.position', { position: lesson.position, total: lesson.totalLessons }),
      progress: progressModel(lang, enrollment.completedLessons, enrollment.totalLessons, enrollment.progressPercent),
      completeAction: `${base}/lessons/${lesson.id}/complete`,
      enrollmentId: enrollment.id,
      lessonId: lesson.id,
      previous: lesson.previousLessonId
        ? { href: `${base}/lessons/${lesson.previousLessonId}`, title: titles.get(lesson.previousLessonId) }
        : undefined,
      next: lesson.nextLessonId
        ? { href: `${base}/lessons/${lesson.nextLessonId}`, title: titles.get(lesson.nextLessonId) }
        : undefined,
      notice:
        enrollment.status === 'completed' && params.completed ? translate(lang, 'learn.justCompleted') : undefined,
      // A package that marks itself done, alone in its course, leaves the card nothing to hold.
      actions: lesson.completed || !scorm?.selfCompleted || !!lesson.previousLessonId || !!lesson.nextLessonId,
    });
  }

  /**
   * The content origin packages play from for this page (null: none), which the page's CSP now lets
   * it frame, and nothing else: a package lesson frames its player there, and a course's page frames
   * each package's player, unseen, to store the package when the course is saved for offline.
   */
  private framingPackages(request: FastifyRequest, reply: FastifyReply): string | null {
    const origin = scormContentOrigin(this.config, request.protocol, request.host);
    if (origin) {
      const policy = String(reply.raw.getHeader('content-security-policy') ?? "default-src 'self'");
      reply.header('content-security-policy', `${policy};frame-src ${origin}`);
    }
    return origin;
  }

  /**
   * A package lesson: its table of contents with each part's state (server-rendered, so it shows
   * without JavaScript), and what scorm-lesson.js needs to frame the player from the content origin.
   * The page's CSP lets it frame that origin and nothing else.
   */
  private async scormModel(
    lang: Language,
    request: FastifyRequest,
    reply: FastifyReply,
    enrollmentId: string,
    lessonId: string,
  ) {
    const user = request.user!;
    const state = await this.scorm.lesson(user, enrollmentId, lessonId);
    const origin = this.framingPackages(request, reply);
    const scoCount = state.items.filter((i) => i.scormType === 'sco').length;
    return {
      playable: !!origin,
      // With no SCO (plain pages only) nothing reports completion: the learner marks it done.
      selfCompleted: scoCount > 0,
      playerUrl: origin ? `${origin}/scorm-player/${state.packageSha256}` : undefined,
      apiUrl: `/api/v1/enrollments/${enrollmentId}/lessons/${lessonId}/scorm`,
      script: assetUrls().scormLesson,
      // The saved state in the page itself: a saved copy of the page starts the package offline.
      stateJson: JSON.stringify({ items: state.items }).replace(/</g, '\\u003c'),
      frameTitle: translate(lang, 'scorm.frameTitle', { title: state.title }),
      learnerId: user.id,
      learnerName: user.name,
      texts: {
        done: translate(lang, 'scorm.state.done'),
        started: translate(lang, 'scorm.state.started'),
        stale: translate(lang, 'scorm.stale'),
        failed: translate(lang, 'scorm.failed'),
        completed: translate(lang, 'scorm.completed'),
        queued: translate(lang, 'scorm.queued'),
        unsupported: translate(lang, 'scorm.unsupported'),
        notStored: translate(lang, 'scorm.notStored'),
      },
      items: state.items.map((item) => ({
        id: item.identifier,
        title: item.title,
        depth: Math.min(item.depth, 4),
        launchable: !!item.launch,
        sco: item.scormType === 'sco',
        done: !!item.state?.done,
        stateText:
          item.scormType !== 'sco'
            ? undefined
            : translate(
                lang,
                item.state?.done ? 'scorm.state.done' : item.state ? 'scorm.state.started' : 'scorm.state.new',
              ),
      })),
    };
  }

  /** Marks the lesson done, then goes on to the next lesson, or to the overview after the last one. */
  @Post('learn/:enrollmentId/lessons/:lessonId/complete')
  async complete(
    @UuidParam('enrollmentId') enrollmentId: string,
    @UuidParam('lessonId') lessonId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user!;
    const [before, lesson] = await Promise.all([
      this.enrollments.get(user, enrollmentId),
      this.enrollments.lesson(user, enrollmentId, lessonId),
    ]);
    const after = await this.enrollments.completeLesson(user, enrollmentId, lessonId);
    const justCompleted = before.status !== 'completed' && after.status === 'completed';
    const target = lesson.nextLessonId
      ? `/learn/${enrollmentId}/lessons/${lesson.nextLessonId}`
      : `/learn/${enrollmentId}`;
    return reply.redirect(`${target}${justCompleted ? '?completed=1' : ''}`, 303);
  }

  /** Each quiz of the pinned version with what the learner can do next: start, continue, retry, or see the result. */
  private quizzes(lang: Language, enrollment: EnrollmentDetailView, attempts: AttemptSummary[]) {
    const moduleTitles = new Map(enrollment.modules.map((m) => [m.id, m.title]));
    return enrollment.quizzes.map((quiz) => {
      const mine = attempts.filter((a) => a.quizId === quiz.id);
      const open = mine.find((a) => a.status === 'open');
      const passed = mine.find((a) => a.passed);
      const best = mine.reduce<number | null>(
        (b, a) => (a.percent !== null && (b === null || a.percent > b) ? a.percent : b),
        null,
      );
      const left = quiz.maxAttempts - mine.length;
      const latest = mine.find((a) => a.status !== 'open');
      return {
        id: quiz.id,
        title: quiz.title,
        kindText: quiz.final
          ? translate(lang, 'quiz.final')
          : translate(lang, 'quiz.ofModule', { module: moduleTitles.get(quiz.moduleId ?? '') ?? '' }),
        rulesText: translate(lang, 'quiz.rules', {
          percent: quiz.passMarkPercent,
          minutes: quiz.timeLimitMinutes,
          max: quiz.maxAttempts,
        }),
        passed: !!passed,
        statusText: passed
          ? translate(lang, 'quiz.passedWith', { percent: passed.percent ?? 0 })
          : mine.length
            ? translate(lang, 'quiz.attemptsUsed', { used: mine.length, max: quiz.maxAttempts, best: best ?? 0 })
            : translate(lang, 'quiz.notTaken'),
        continueHref: open ? `/attempts/${open.id}` : undefined,
        startAction: !open && !passed && left > 0 ? `/learn/${enrollment.id}/quizzes/${quiz.id}/start` : undefined,
        startText: translate(lang, mine.length ? 'quiz.retryShort' : 'quiz.start'),
        offlineText: quiz.offlineDays
          ? translate(lang, 'quiz.startOffline', { minutes: offlineAttemptMinutes(quiz) })
          : undefined,
        resultHref: latest ? `/attempts/${(passed ?? latest).id}` : undefined,
        noneLeft: !open && !passed && left <= 0,
      };
    });
  }

  private facts(lang: Language, course: CourseDetailView) {
    return [
      minutesText(lang, course.estimatedMinutes),
      translate(lang, 'course.moduleLessonCount', { modules: course.moduleCount, lessons: course.lessonCount }),
      translate(lang, 'course.inLanguage', { language: translate(lang, `language.${course.language}`) }),
      course.validityMonths
        ? translate(lang, 'course.validity', { months: course.validityMonths })
        : translate(lang, 'course.noExpiry'),
      translate(lang, 'course.versionPublished', {
        version: course.version,
        date: formatDate(lang, course.publishedAt),
      }),
    ];
  }

  /** The learner's enrolment as the course page shows it: progress and where to carry on. */
  private async enrollmentSummary(lang: Language, user: AuthUser, course: CourseDetailView) {
    const enrollment: EnrollmentDetailView = await this.enrollments.get(user, course.enrollment!.id);
    const completed = enrollment.status === 'completed';
    return {
      href: `/learn/${enrollment.id}`,
      completed,
      progress: progressModel(lang, enrollment.completedLessons, enrollment.totalLessons, enrollment.progressPercent),
      resumeHref:
        !completed && enrollment.resumeLessonId
          ? `/learn/${enrollment.id}/lessons/${enrollment.resumeLessonId}`
          : `/learn/${enrollment.id}`,
      resumeText: translate(lang, enrollment.completedLessons ? 'learn.continue' : 'learn.start'),
      olderVersion:
        enrollment.version !== course.version
          ? translate(lang, 'course.olderVersion', { version: enrollment.version })
          : undefined,
    };
  }
}
