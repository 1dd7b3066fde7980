import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { CourseQuestionsService } from '../questions/course-questions.service';
import { AddCourseQuestionDto } from '../questions/dto/course-question.dto';
import { CourseQuestionListView, CourseQuestionView, EvaluationQuestionBankView } from '../questions/dto/question.view';
import { SubmitSurveyDto } from './dto/submit-survey.dto';
import { SurveyFormView, SurveyResponseView } from './dto/survey.view';
import { ReactionSurveyService } from './reaction-survey.service';

const id = new ParseUUIDPipe();
const ABSORBED = 'This enrolment had answered already: the first answers are kept, this copy is not added';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class SurveysController {
  constructor(
    private readonly reaction: ReactionSurveyService,
    private readonly questions: CourseQuestionsService,
  ) {}

  @ApiOperation({ summary: 'The standard evaluation questions (mn/en)' })
  @Get('evaluation/questions')
  @ApiOkResponse({ type: EvaluationQuestionBankView })
  bank(): EvaluationQuestionBankView {
    return this.questions.bank;
  }

  @ApiOperation({ summary: "A course's own evaluation questions" })
  @Get('courses/:courseId/evaluation-questions')
  @Roles('trainer', 'admin')
  @ApiOkResponse({ type: CourseQuestionListView })
  @ApiNotFoundResponse({ description: 'No course has this id' })
  courseQuestions(@Param('courseId', id) courseId: string) {
    return this.questions.list(courseId);
  }

  @ApiOperation({ summary: 'Add a question to a survey of my course' })
  @Post('courses/:courseId/evaluation-questions')
  @Roles('trainer', 'admin')
  @ApiCreatedResponse({ type: CourseQuestionView })
  @ApiForbiddenResponse({ description: "Not the course's trainer" })
  @ApiConflictResponse({ description: 'The survey has its most questions already (too-many-questions)' })
  addQuestion(
    @CurrentUser() actor: AuthUser,
    @Param('courseId', id) courseId: string,
    @Body() dto: AddCourseQuestionDto,
  ) {
    return this.questions.add(actor, courseId, dto);
  }

  @ApiOperation({ summary: 'Remove a question of my course (answers given to it stay)' })
  @Delete('evaluation-questions/:id')
  @Roles('trainer', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiForbiddenResponse({ description: "Not the course's trainer" })
  @ApiNotFoundResponse({ description: 'No question has this id' })
  async removeQuestion(@CurrentUser() actor: AuthUser, @Param('id', id) questionId: string): Promise<void> {
    await this.questions.remove(actor, questionId);
  }

  @ApiOperation({ summary: 'The reaction survey of my completed course' })
  @Get('enrollments/:id/reaction-survey')
  @ApiOkResponse({ type: SurveyFormView })
  @ApiNotFoundResponse({ description: 'No enrolment of yours has this id' })
  form(@CurrentUser() actor: AuthUser, @Param('id', id) enrollmentId: string) {
    return this.reaction.form(actor, enrollmentId);
  }

  @ApiOperation({ summary: 'Answer the reaction survey of my completed course' })
  @Post('enrollments/:id/reaction-survey')
  @ApiCreatedResponse({ type: SurveyResponseView, description: 'Recorded' })
  @ApiOkResponse({ type: SurveyResponseView, description: ABSORBED })
  @ApiNotFoundResponse({ description: 'No enrolment of yours has this id' })
  @ApiConflictResponse({
    description: 'The course is not completed (survey-not-open) or the window has passed (survey-closed)',
  })
  async submit(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) enrollmentId: string,
    @Body() dto: SubmitSurveyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, response } = await this.reaction.submit(actor, enrollmentId, dto);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return response;
  }
}
