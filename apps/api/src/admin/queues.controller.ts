// The job queues for administrators: counts, latest failed jobs, and retrying them (audited).
import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import {
  QueueAdminService,
  QUEUES,
  QueuesOverviewView,
  RetriedFailedJobsView,
  RetriedJobView,
} from '@chadavkhi/platform';
import { jobIdParam } from './job-id';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ description: 'Not an administrator' })
@Controller('admin/queues')
export class QueuesController {
  constructor(private readonly queues: QueueAdminService) {}

  @ApiOperation({ summary: 'Show job queue counts and failed jobs' })
  @Get()
  @ApiOkResponse({
    type: QueuesOverviewView,
    description: 'Per queue: counts (waiting, active, delayed, failed, completed) and the latest failed jobs',
  })
  async overview(): Promise<QueuesOverviewView> {
    return { queues: await this.queues.overview() };
  }

  @ApiOperation({ summary: 'Retry a failed job' })
  @Post(':queue/jobs/:jobId/retry')
  @HttpCode(200)
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiParam({ name: 'jobId', description: "BullMQ's job id, as GET /admin/queues lists it" })
  @ApiOkResponse({ type: RetriedJobView, description: 'The failed job is waiting again, its attempts counted afresh' })
  @ApiNotFoundResponse({ description: 'No such queue or job' })
  @ApiConflictResponse({ description: 'The job is not failed (only failed jobs can be retried)' })
  retry(
    @CurrentUser() actor: AuthUser,
    @Param('queue') queue: string,
    @Param('jobId') jobId: string,
    @Req() request: FastifyRequest,
  ): Promise<RetriedJobView> {
    return this.queues.retry(queue, jobIdParam(jobId), { id: actor.id, email: actor.email, ip: request.ip });
  }

  @ApiOperation({ summary: 'Retry every failed job in a queue' })
  @Post(':queue/retry-failed')
  @HttpCode(200)
  @ApiParam({ name: 'queue', enum: QUEUES })
  @ApiOkResponse({ type: RetriedFailedJobsView, description: 'Every failed job of the queue is waiting again' })
  @ApiNotFoundResponse({ description: 'No such queue' })
  retryAll(
    @CurrentUser() actor: AuthUser,
    @Param('queue') queue: string,
    @Req() request: FastifyRequest,
  ): Promise<RetriedFailedJobsView> {
    return this.queues.retryAllFailed(queue, { id: actor.id, email: actor.email, ip: request.ip });
  }
}
