import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { PageQuery } from '@chadavkhi/platform';
import { EnrollmentDetailView, EnrollmentPageView, EnrollmentView, LessonView } from './dto/enrollment.view';
import { EnrollmentsService } from './enrollments.service';

const id = new ParseUUIDPipe();

@ApiTags('enrollments')
@ApiBearerAuth()
@Controller()
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @ApiOperation({ summary: 'List my enrolments' })
  @Get('me/enrollments')
  @ApiOkResponse({ type: EnrollmentPageView, description: 'Your enrolments with progress' })
  mine(@CurrentUser() actor: AuthUser, @Query() query: PageQuery) {
    return this.enrollments.mine(actor, query);
  }

  @ApiOperation({ summary: 'Get my enrolment with its lessons' })
  @Get('enrollments/:id')
  @ApiOkResponse({ type: EnrollmentDetailView })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No enrolment has this id' })
  get(@CurrentUser() actor: AuthUser, @Param('id', id) enrollmentId: string) {
    return this.enrollments.get(actor, enrollmentId);
  }

  @ApiOperation({ summary: 'Read a lesson of my enrolment' })
  @Get('enrollments/:id/lessons/:lessonId')
  @ApiOkResponse({ type: LessonView })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No such enrolment, or the lesson is not in its course version' })
  lesson(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) enrollmentId: string,
    @Param('lessonId', id) lessonId: string,
  ) {
    return this.enrollments.lesson(actor, enrollmentId, lessonId);
  }

  @ApiOperation({ summary: 'Mark a lesson as completed' })
  @Post('enrollments/:id/lessons/:lessonId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrollmentView, description: 'Progress after this lesson; completing twice changes nothing' })
  @ApiForbiddenResponse({ description: "Someone else's enrolment" })
  @ApiNotFoundResponse({ description: 'No such enrolment, or the lesson is not in its course version' })
  @ApiConflictResponse({
    description:
      'lesson-done-by-package: an e-learning package lesson, marked done when its package reports it completed',
  })
  complete(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) enrollmentId: string,
    @Param('lessonId', id) lessonId: string,
  ) {
    return this.enrollments.completeLesson(actor, enrollmentId, lessonId);
  }
}
