import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { TeamMemberView, TeamView } from './dto/team.view';
import { TeamService } from './team.service';

@ApiTags('team')
@ApiBearerAuth()
@Controller('me/team')
export class TeamController {
  constructor(private readonly team: TeamService) {}

  @ApiOperation({ summary: 'List my direct reports' })
  @Get()
  @ApiOkResponse({
    type: TeamView,
    description: 'Your active direct reports with their mandatory training, competency gaps and valid certificates',
  })
  mine(@CurrentUser() actor: AuthUser) {
    return this.team.mine(actor);
  }

  @ApiOperation({ summary: 'Get one of my direct reports' })
  @Get(':userId')
  @ApiOkResponse({ type: TeamMemberView })
  @ApiNotFoundResponse({ description: 'Not one of your direct reports' })
  member(@CurrentUser() actor: AuthUser, @Param('userId', new ParseUUIDPipe()) userId: string) {
    return this.team.member(actor, userId);
  }
}
