import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { SubmitSurveyDto } from '../surveys/dto/submit-survey.dto';
import { SurveyFormView, SurveyResponseView } from '../surveys/dto/survey.view';
import { FollowUpListView, FollowUpView } from './dto/follow-up.view';
import { FollowUpsService } from './follow-ups.service';

const id = new ParseUUIDPipe();

export class FollowUpFormView extends SurveyFormView {
  @ApiProperty({ type: FollowUpView }) followUp: FollowUpView;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @ApiOperation({ summary: 'Follow-ups asked of me (about my training, or my staff members’)' })
  @Get('me/follow-ups')
  @ApiOkResponse({ type: FollowUpListView })
  mine(@CurrentUser() actor: AuthUser) {
    return this.followUps.mine(actor);
  }

  @ApiOperation({ summary: 'A follow-up asked of me, with its questions' })
  @Get('follow-ups/:id')
  @ApiOkResponse({ type: FollowUpFormView })
  @ApiNotFoundResponse({ description: 'No follow-up of yours has this id' })
  form(@CurrentUser() actor: AuthUser, @Param('id', id) followUpId: string) {
    return this.followUps.form(actor, followUpId);
  }

  @ApiOperation({ summary: 'Answer a follow-up asked of me' })
  @Post('follow-ups/:id/answers')
  @ApiCreatedResponse({ type: SurveyResponseView, description: 'Recorded' })
  @ApiOkResponse({ type: SurveyResponseView, description: 'Answered already: the first answers are kept' })
  @ApiNotFoundResponse({ description: 'No follow-up of yours has this id' })
  @ApiConflictResponse({ description: 'Not open yet (survey-not-open) or closed (survey-closed)' })
  async answer(
    @CurrentUser() actor: AuthUser,
    @Param('id', id) followUpId: string,
    @Body() dto: SubmitSurveyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, response } = await this.followUps.answer(actor, followUpId, dto);
    reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return response;
  }
}
