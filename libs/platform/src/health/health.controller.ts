import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/public.decorator';
import { HealthReportView } from './dto/health-report.view';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @ApiOperation({ summary: 'Check the service and its dependencies' })
  @Get()
  @ApiOkResponse({ type: HealthReportView, description: 'PostgreSQL, Redis and Meilisearch all answer' })
  @ApiServiceUnavailableResponse({
    type: HealthReportView,
    description: 'At least one dependency is down; the body (the same report, not a problem) says which',
  })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReportView> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503).header('cache-control', 'no-store');
    return report;
  }
}
