import { Injectable } from '@nestjs/common';
import { Page, page, PageQuery } from '@chadavkhi/platform';
import { PositionView } from './dto/position.view';
import { PositionsRepository } from './positions.repository';

@Injectable()
export class PositionsService {
  constructor(private readonly positions: PositionsRepository) {}

  async list(query: PageQuery): Promise<Page<PositionView>> {
    const { items, total } = await this.positions.list(query.offset, query.limit);
    return page(items.map(PositionView.of), total, query);
  }
}
