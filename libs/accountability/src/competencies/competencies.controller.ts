import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { CompetenciesService } from './competencies.service';
import { CompetencyGapsQuery } from './dto/competency-gaps.query';
import { AgencyCompetencyGapsView, CompetencyFrameworkView, CompetencyProfileView } from './dto/competency.view';

@ApiTags('competencies')
@ApiBearerAuth()
@Controller()
export class CompetenciesController {
  constructor(private readonly competencies: CompetenciesService) {}

  @ApiOperation({ summary: 'Get the competency framework' })
  @Get('competencies')
  @ApiOkResponse({
    type: CompetencyFrameworkView,
    description: 'The competency framework: codes, names and levels 1–4 (mn, en)',
  })
  framework() {
    return this.competencies.framework();
  }

  @ApiOperation({ summary: "Get a person's competencies and gaps" })
  @Get('users/:id/competencies')
  @ApiOkResponse({
    type: CompetencyProfileView,
    description:
      "What the person's position requires, what their valid certificates give, and the gaps (self, HR officer in scope, admin)",
  })
  @ApiNotFoundResponse({ description: 'No such person, or not one you may see' })
  profile(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) userId: string) {
    return this.competencies.profile(actor, userId);
  }

  @ApiOperation({ summary: "Summarise the agency's competency gaps" })
  @Get('agencies/:id/competency-gaps')
  @Roles('hr_officer', 'admin')
  @ApiOkResponse({
    type: AgencyCompetencyGapsView,
    description:
      "Required competency levels and how many are covered, per competency and per position, over the agency's subtree",
  })
  @ApiNotFoundResponse({ description: 'No agency has this id, or positionId names no position' })
  @ApiForbiddenResponse({ description: 'The agency is outside the agencies you manage' })
  gaps(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) agencyId: string,
    @Query() query: CompetencyGapsQuery,
  ) {
    return this.competencies.agencyGaps(actor, agencyId, query.positionId);
  }
}
