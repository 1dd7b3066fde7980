// The job queues for administrators: counts, latest failed jobs, and retrying them (audited).
import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { QueueAdminService } from '@chadavkhi/platform';
import { jobIdParam } from './job-id';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queues')
export class QueuesController {
  constructor(private readonly queues: QueueAdminService) {}

  @ApiOperation({ summary: 'Show job queue counts and failed jobs' })
  @Get()
  @ApiOkResponse({
    description: 'Per queue: counts (waiting, active, delayed, failed, completed) and the latest failed jobs',
  })
  async overview() {
    return { queues: await this.queues.overview() };
  }

  @ApiOperation({ summary: 'Retry a failed job' })
  @Post(':queue/jobs/:jobId/retry')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The failed job is waiting again' })
  @ApiNotFoundResponse({ description: 'No such queue or job' })
  retry(
    @CurrentUser() actor: AuthUser,
    @Param('queue') queue: string,
    @Param('jobId') jobId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.queues.retry(queue, jobIdParam(jobId), { id: actor.id, email: actor.email, ip: request.ip });
  }

  @ApiOperation({ summary: 'Retry every failed job in a queue' })
  @Post(':queue/retry-failed')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ queue, retried }`: every failed job of the queue is waiting again' })
  retryAll(@CurrentUser() actor: AuthUser, @Param('queue') queue: string, @Req() request: FastifyRequest) {
    return this.queues.retryAllFailed(queue, { id: actor.id, email: actor.email, ip: request.ip });
  }
}
