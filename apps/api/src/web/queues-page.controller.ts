// /admin/queues: each job queue's counts and latest failed jobs, with a Retry form per job and per
// queue. Administrators only; plain forms (CSRF token in each), retries audited by the service.
import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, Roles } from '@chadavkhi/identity';
import { JOB_STATES, QueueAdminService, QueueOverview } from '@chadavkhi/platform';
import { jobIdParam } from '../admin/job-id';
import { Language, translate } from './i18n';
import { PageLanguage } from './page-request.decorators';
import { PageRenderer } from './page-renderer';

@ApiExcludeController()
@Roles('admin')
@Controller('admin/queues')
export class QueuesPageController {
  constructor(
    private readonly queues: QueueAdminService,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(
    @PageLanguage() lang: Language,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('retried') retried?: string,
    @Query('queue') queue?: string,
  ) {
    let overview: QueueOverview[] | undefined;
    let unavailable: string | undefined;
    try {
      overview = await this.queues.overview();
    } catch {
      unavailable = translate(lang, 'queues.unavailable');
    }
    const notice =
      retried !== undefined && /^\d{1,6}$/.test(retried) && queue && this.queues.isQueue(queue)
        ? translate(lang, 'queues.retried', { count: retried, queue })
        : undefined;
    return this.pages.render(
      request,
      reply,
      'admin-queues.hbs',
      translate(lang, 'queues.title'),
      { notice, unavailable, queues: overview?.map((q) => this.queueModel(q, lang)) },
      { status: unavailable ? 503 : 200 },
    );
  }

  @Post(':queue/jobs/:jobId/retry')
  async retry(
    @Param('queue') queue: string,
    @Param('jobId') jobId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const user = request.user as AuthUser;
    const result = await this.queues.retry(queue, jobIdParam(jobId), {
      id: user.id,
      email: user.email,
      ip: request.ip,
    });
    return reply.redirect(`/admin/queues?queue=${result.queue}&retried=1#queue-${result.queue}`, 303);
  }

  @Post(':queue/retry-failed')
  async retryAll(@Param('queue') queue: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const user = request.user as AuthUser;
    const result = await this.queues.retryAllFailed(queue, { id: user.id, email: user.email, ip: request.ip });
    return reply.redirect(`/admin/queues?queue=${result.queue}&retried=${result.retried}#queue-${result.queue}`, 303);
  }

  private queueModel(q: QueueOverview, lang: Language) {
    const when = new Intl.DateTimeFormat(lang === 'mn' ? 'mn-MN' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Asia/Ulaanbaatar',
    });
    return {
      name: q.name,
      counts: JOB_STATES.map((state) => ({
        state,
        label: translate(lang, `queues.state.${state}`),
        value: q.counts[state],
      })),
      hasFailed: q.counts.failed > 0,
      failed: q.failed.map((job) => ({
        ...job,
        retryAction: `/admin/queues/${encodeURIComponent(q.name)}/jobs/${encodeURIComponent(job.id)}/retry`,
        failedOn: job.failedAt ? when.format(new Date(job.failedAt)) : null,
        attemptsText: translate(lang, 'queues.attempts', { made: job.attemptsMade, allowed: job.attempts }),
      })),
      moreFailed:
        q.counts.failed > q.failed.length
          ? translate(lang, 'queues.moreFailed', { shown: q.failed.length, total: q.counts.failed })
          : undefined,
    };
  }
}
