import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { page, PageQuery } from '@chadavkhi/platform';
import { Position } from './position.entity';

@ApiTags('positions')
@ApiBearerAuth()
@Controller('positions')
export class PositionsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ description: 'Positions, paginated: `{ items, total, page, limit }`' })
  async list(@Query() query: PageQuery) {
    const [rows, total] = await this.dataSource
      .getRepository(Position)
      .findAndCount({ order: { category: 'ASC', nameMn: 'ASC' }, skip: query.offset, take: query.limit });
    return page(
      rows.map((p) => ({ id: p.id, code: p.code, category: p.category, name: { mn: p.nameMn, en: p.nameEn } })),
      total,
      query,
    );
  }
}
