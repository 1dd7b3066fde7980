// A package lesson's player state and its commits, for the lesson page (the learner's session);
// the player frame itself never calls the API: it hands commits to the page by postMessage.
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Put,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { AppConfig } from '@chadavkhi/platform';
import { ScormCommitDto } from './dto/scorm-commit.dto';
import { ScormCommitResultView, ScormLessonView } from './dto/scorm-lesson.view';
import { scormContentOrigin } from './scorm-content-origin';
import { ScormTrackingService } from './scorm-tracking.service';

const id = new ParseUUIDPipe();

/** The player page for a package, on the content origin; 503 problem when no content origin is configured. */
export function scormPlayerUrl(config: AppConfig, request: FastifyRequest, packageSha256: string): string {
  const origin = scormContentOrigin(config, request.protocol, request.host);
  if (!origin)
    throw new ServiceUnavailableException({
      message:
        'SCORM packages cannot be played here yet: an administrator must set SCORM_CONTENT_ORIGIN, a separate origin packages are served from.',
      slug: 'scorm-content-origin-unset',
    });
  return `${origin}/scorm-player/${packageSha256}`;
}

@ApiTags('enrollments')
@ApiBearerAuth()
@Controller('enrollments/:id/lessons/:lessonId/scorm')
export class ScormTrackingController {
  constructor(
    private readonly tracking: ScormTrackingService,
    private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: "A package lesson's table of contents, each SCO's saved state, and where its player is" })
  @Get()
  @ApiOkResponse({ type: ScormLessonView })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No such enrolment, the lesson is not in its version, or it is not a package' })
  @ApiServiceUnavailableResponse({ description: 'scorm-content-origin-unset: SCORM_CONTENT_ORIGIN must be set' })
  async lesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) enrollmentId: string,
    @Param('lessonId', id) lessonId: string,
    @Req() request: FastifyRequest,
  ): Promise<ScormLessonView> {
    const { title: _title, ...state } = await this.tracking.lesson(actor, enrollmentId, lessonId);
    const playerUrl = scormPlayerUrl(this.config, request, state.packageSha256);
    return { ...state, contentOrigin: new URL(playerUrl).origin, playerUrl };
  }

  @ApiOperation({ summary: "Commit a SCO's runtime data (idempotent by commitId; a stale commit changes nothing)" })
  @Put(':scoId')
  @HttpCode(200)
  @ApiParam({ name: 'scoId', description: "The SCO's item identifier in the manifest" })
  @ApiOkResponse({ type: ScormCommitResultView, description: 'Applied, or applied before under this commitId' })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No such enrolment, lesson, package or SCO' })
  @ApiConflictResponse({ description: 'scorm-commit-stale: a later commit or another session saved this SCO' })
  @ApiUnprocessableEntityResponse({
    description:
      "scorm-data-invalid (the version's vocabulary or sizes, each field named in errors), scorm-commit-id-reused",
  })
  commit(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) enrollmentId: string,
    @Param('lessonId', id) lessonId: string,
    @Param('scoId') scoId: string,
    @Body() body: ScormCommitDto,
  ): Promise<ScormCommitResultView> {
    return this.tracking.commit(actor, enrollmentId, lessonId, scoId.slice(0, 200), body);
  }
}
