import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { scormContentOrigin } from '../scorm/scorm-content-origin';
import { OfflineManifestView, SyncResultView } from './dto/offline.view';
import { SyncBatchDto } from './dto/sync-batch.dto';
import { OfflineCourseService } from './offline-course.service';
import { OfflineSyncService } from './offline-sync.service';

@ApiTags('offline')
@ApiBearerAuth()
@Controller()
export class OfflineController {
  constructor(
    private readonly sync: OfflineSyncService,
    private readonly courses: OfflineCourseService,
    private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: 'Sync lessons completed offline' })
  @Post('sync')
  @HttpCode(200)
  @ApiOkResponse({
    type: SyncResultView,
    description:
      'Per item: applied, duplicate (this device id was applied before) or refused with the reason; plus the counts',
  })
  apply(@CurrentUser() actor: AuthUser, @Body() batch: SyncBatchDto) {
    return this.sync.apply(actor, batch.items);
  }

  @ApiOperation({ summary: "Get an enrolment's lessons for offline reading" })
  @Get('enrollments/:id/offline')
  @ApiOkResponse({
    type: OfflineManifestView,
    description:
      'What to store for reading offline: the pinned version, the pages and images of its lessons, and the players of its SCORM packages',
  })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No enrolment has this id' })
  manifest(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) enrollmentId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.courses.manifest(actor, enrollmentId, scormContentOrigin(this.config, request.protocol, request.host));
  }
}
