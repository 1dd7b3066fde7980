import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { EnrollmentView } from '../enrollments/dto/enrollment.view';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { CoursesService } from './courses.service';
import { AuthoredCourseView, AuthoredCoursePageView } from './dto/authored-course.view';
import { CompareVersionsQuery } from './dto/compare-versions.query';
import { CourseDetailView, CoursePageView } from './dto/course.view';
import { CourseVersionView, PublishedVersionView, VersionDiffView } from './dto/course-version.view';
import { CreateCourseDto, UpdateCourseDto } from './dto/course-draft.dto';
import { PublishCourseDto } from './dto/publish-course.dto';
import { ListCoursesQuery } from './dto/list-courses.query';

const id = new ParseUUIDPipe();
const AUTHORS_ONLY = { description: 'Only trainers and administrators author courses' };
const NOT_YOURS = { description: 'Not your course (only its trainer or an administrator may see or change it)' };
const NO_COURSE = { description: 'No course has this id' };
const DRAFT_REFUSED = { description: 'A module or lesson id used twice, or quizzes that do not fit their banks' };

@ApiTags('courses')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrollments: EnrollmentsService,
  ) {}

  @ApiOperation({ summary: 'Browse the published course catalogue' })
  @Get()
  @ApiOkResponse({ type: CoursePageView, description: 'Published courses' })
  catalogue(@Query() query: ListCoursesQuery) {
    return this.courses.catalogue(query);
  }

  @ApiOperation({ summary: 'List the courses you author' })
  @Get('mine')
  @Roles('trainer', 'admin')
  @ApiOkResponse({
    type: AuthoredCoursePageView,
    description: 'Courses you author (all of them for an administrator), with their drafts',
  })
  @ApiForbiddenResponse(AUTHORS_ONLY)
  mine(@CurrentUser() actor: AuthUser, @Query() query: ListCoursesQuery) {
    return this.courses.mine(actor, query);
  }

  @ApiOperation({ summary: 'Create a course as a draft' })
  @Post()
  @Roles('trainer', 'admin')
  @ApiCreatedResponse({ type: AuthoredCourseView, description: 'The new draft' })
  @ApiForbiddenResponse(AUTHORS_ONLY)
  @ApiUnprocessableEntityResponse(DRAFT_REFUSED)
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateCourseDto) {
    return this.courses.create(actor, dto);
  }

  @ApiOperation({ summary: 'Get a published course with its outline' })
  @Get(':id')
  @ApiOkResponse({ type: CourseDetailView })
  @ApiNotFoundResponse({ description: 'No published course has this id' })
  get(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string) {
    return this.courses.published(actor, courseId);
  }

  @ApiOperation({ summary: "Get a course's draft for editing" })
  @Get(':id/draft')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: AuthoredCourseView })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_COURSE)
  draft(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string) {
    return this.courses.getDraft(actor, courseId);
  }

  @ApiOperation({ summary: "Update a course's draft" })
  @Patch(':id')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: AuthoredCourseView, description: 'The updated draft' })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_COURSE)
  @ApiConflictResponse({ description: 'draft-changed: saved by someone else since the revision you sent' })
  @ApiUnprocessableEntityResponse(DRAFT_REFUSED)
  update(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string, @Body() dto: UpdateCourseDto) {
    return this.courses.updateDraft(actor, courseId, dto);
  }

  @ApiOperation({ summary: 'Publish the draft as a new version' })
  @Post(':id/publish')
  @Roles('trainer', 'admin')
  @ApiCreatedResponse({ type: PublishedVersionView })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_COURSE)
  @ApiUnprocessableEntityResponse({ description: 'The draft has no lesson, or its quizzes do not fit their banks' })
  @ApiConflictResponse({ description: 'Nothing changed since the current version' })
  publish(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) courseId: string,
    @Body() dto: PublishCourseDto,
    @Req() request: FastifyRequest,
  ) {
    return this.courses.publish(actor, courseId, request.ip, {
      requiresRecertification: dto.requiresRecertification ?? false,
    });
  }

  @ApiOperation({ summary: "List a course's published versions" })
  @Get(':id/versions')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: [CourseVersionView], description: 'Newest first' })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse(NO_COURSE)
  versions(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string) {
    return this.courses.versions(actor, courseId);
  }

  @ApiOperation({ summary: 'Compare two published versions of a course' })
  @Get(':id/versions/compare')
  @Roles('trainer', 'admin')
  @ApiOkResponse({
    type: VersionDiffView,
    description: 'Changed fields; lessons added, removed, moved and changed, with a unified diff of changed text',
  })
  @ApiForbiddenResponse(NOT_YOURS)
  @ApiNotFoundResponse({ description: 'No such course, or it has no version of a number asked for' })
  compare(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string, @Query() query: CompareVersionsQuery) {
    return this.courses.compare(actor, courseId, query);
  }

  @ApiOperation({ summary: 'Enrol yourself in a course' })
  @Post(':id/enrollments')
  @Roles('learner')
  @ApiCreatedResponse({ type: EnrollmentView, description: 'Enrolled now' })
  @ApiOkResponse({ type: EnrollmentView, description: 'Already enrolled: the same enrolment' })
  @ApiNotFoundResponse({ description: 'No published course has this id' })
  @ApiForbiddenResponse({ description: 'Only learners enrol themselves' })
  async enroll(@CurrentUser() actor: AuthUser, @Param('id', id) courseId: string, @Res() reply: FastifyReply) {
    const { created, enrollment } = await this.enrollments.enroll(actor, courseId);
    return reply.status(created ? 201 : 200).send(enrollment);
  }
}
