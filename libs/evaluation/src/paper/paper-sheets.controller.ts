import { Body, Controller, HttpStatus, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { PaperSheetsDto } from './dto/paper-sheets.dto';
import { PaperSheetsResultView } from './dto/paper-sheets.view';
import { PaperSheetsService } from './paper-sheets.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('sessions/:sessionId/paper-surveys')
export class PaperSheetsController {
  constructor(private readonly paper: PaperSheetsService) {}

  @ApiOperation({ summary: "Type in a face-to-face session's paper survey sheets" })
  @Post()
  @Roles('trainer', 'hr_officer', 'admin')
  @ApiCreatedResponse({ type: PaperSheetsResultView, description: 'Sheets recorded' })
  @ApiOkResponse({ type: PaperSheetsResultView, description: 'Every sheet had been typed in before: nothing added' })
  @ApiForbiddenResponse({ description: "Not the session's trainer nor an HR officer of its agency" })
  @ApiNotFoundResponse({ description: 'No session has this id' })
  @ApiConflictResponse({
    description: 'The session was cancelled, has not begun (survey-not-open), or ended too long ago (survey-closed)',
  })
  async enter(
    @CurrentUser() actor: AuthUser,
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Body() dto: PaperSheetsDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.paper.enter(actor, sessionId, dto, request.ip ?? null);
    reply.status(result.recorded ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}
