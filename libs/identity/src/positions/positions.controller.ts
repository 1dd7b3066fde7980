import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@chadavkhi/platform';
import { PositionPage } from './dto/position.view';
import { PositionsService } from './positions.service';

@ApiTags('positions')
@ApiBearerAuth()
@Controller('positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @ApiOperation({ summary: 'List all positions, paginated' })
  @Get()
  @ApiOkResponse({ type: PositionPage, description: 'Positions, paginated' })
  list(@Query() query: PageQuery): Promise<PositionPage> {
    return this.positions.list(query);
  }
}
