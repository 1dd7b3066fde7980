import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { TopLevelValidationPipe } from '@chadavkhi/platform';
import { AttemptsService } from './attempts.service';
import { AttemptView } from './dto/attempt.view';
import type { SubmitAttemptBody } from './dto/submit-attempt.dto';
import { SubmitAttemptDto } from './dto/submit-attempt.dto';
import { StartAttemptDto } from './dto/start-attempt.dto';

const id = new ParseUUIDPipe();
const SOMEONE_ELSES = { description: "Someone else's attempt" };
const NO_ATTEMPT = { description: 'No attempt has this id' };
// The answers map is checked question by question in the service; only its envelope is validated here.
// eslint-disable-next-line no-useless-assignment -- read by a parameter decorator, which the rule does not follow
const submitBody = new TopLevelValidationPipe(SubmitAttemptDto);
// Starting takes no body, or { offline, enrollmentId }.
const startBody = new TopLevelValidationPipe(StartAttemptDto);

@ApiTags('quizzes')
@ApiBearerAuth()
@Controller()
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @ApiOperation({ summary: 'Start a quiz attempt or resume the open one' })
  @Post('quizzes/:id/attempts')
  @Roles('learner')
  @ApiCreatedResponse({ type: AttemptView, description: 'A new attempt: questions without answers, and the deadline' })
  @ApiOkResponse({ type: AttemptView, description: 'The attempt already open' })
  @ApiConflictResponse({ description: 'No attempts left, or already passed' })
  @ApiForbiddenResponse({ description: 'Only learners take quizzes' })
  @ApiNotFoundResponse({
    description: 'You are not enrolled on a course with this quiz (or not on the enrolment named)',
  })
  @ApiUnprocessableEntityResponse({ description: 'offline asked for a quiz that may not be taken offline' })
  @ApiBody({ type: StartAttemptDto, required: false })
  async start(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) quizId: string,
    @Body(startBody) dto: StartAttemptDto,
    @Res() reply: FastifyReply,
  ) {
    const { created, attempt } = await this.attempts.start(actor, quizId, {
      offline: dto.offline === true,
      enrollmentId: dto.enrollmentId,
    });
    return reply.status(created ? 201 : 200).send(attempt);
  }

  @ApiOperation({ summary: 'Read one of my quiz attempts' })
  @Get('attempts/:id')
  @ApiOkResponse({
    type: AttemptView,
    description: 'With its result once finished; the answer key only as the quiz allows it now',
  })
  @ApiForbiddenResponse(SOMEONE_ELSES)
  @ApiNotFoundResponse(NO_ATTEMPT)
  get(@CurrentUser() actor: AuthUser, @Param('id', id) attemptId: string) {
    return this.attempts.get(actor, attemptId);
  }

  @ApiOperation({ summary: 'Submit answers and grade the attempt' })
  @Post('attempts/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: AttemptView, description: 'Graded; submitting again returns the same result' })
  @ApiUnprocessableEntityResponse({ description: 'Answers of the wrong type or for questions not in this attempt' })
  @ApiConflictResponse({ description: 'attempt-closed: the time ran out (the result as it was closed is included)' })
  @ApiForbiddenResponse(SOMEONE_ELSES)
  @ApiNotFoundResponse(NO_ATTEMPT)
  @ApiBody({ type: SubmitAttemptDto })
  submit(@CurrentUser() actor: AuthUser, @Param('id', id) attemptId: string, @Body(submitBody) dto: SubmitAttemptBody) {
    return this.attempts.submit(actor, attemptId, dto.answers);
  }
}
