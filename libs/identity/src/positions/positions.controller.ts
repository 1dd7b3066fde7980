import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '@chadavkhi/platform';
import { PositionsService } from './positions.service';

@ApiTags('positions')
@ApiBearerAuth()
@Controller('positions')
export class PositionsController {
  constructor(private readonly positions: PositionsService) {}

  @ApiOperation({ summary: 'List all positions, paginated' })
  @Get()
  @ApiOkResponse({ description: 'Positions, paginated: `{ items, total, page, limit }`' })
  list(@Query() query: PageQuery) {
    return this.positions.list(query);
  }
}
