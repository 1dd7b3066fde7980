import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@chadavkhi/identity';
import { PlanActualsHistoryView, PlanActualsView } from './dto/plan-actuals.view';
import { PlanHistoryQuery } from './dto/plan-history.query';
import { PlanActualsService } from './plan-actuals.service';

const NOT_FOUND = 'No plan with this id within the agencies you answer for';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanActualsController {
  constructor(private readonly actuals: PlanActualsService) {}

  @ApiOperation({
    summary: 'Plan vs actual: each line’s seats, cost and KPI beside people reached, completed, certified and spent',
  })
  @Get(':id/actuals')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanActualsView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  forPlan(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.actuals.forPlan(actor, id);
  }

  @ApiOperation({ summary: 'Plan vs actual day by day' })
  @Get(':id/actuals/history')
  @Roles('hr_officer', 'agency_head', 'admin')
  @ApiOkResponse({ type: PlanActualsHistoryView })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  history(
    @CurrentUser() actor: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: PlanHistoryQuery,
  ) {
    return this.actuals.history(actor, id, query.from);
  }
}
