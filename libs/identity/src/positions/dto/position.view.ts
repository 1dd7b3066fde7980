import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import { LocalizedName } from '../../users/dto/user.view';
import { type Position, POSITION_CATEGORIES, type PositionCategory } from '../position.entity';

export class PositionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'tax-inspector' }) code: string;
  @ApiProperty({ enum: POSITION_CATEGORIES, description: 'The civil service category of the position' })
  category: PositionCategory;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;

  static of(p: Position): PositionView {
    return { id: p.id, code: p.code, category: p.category, name: { mn: p.nameMn, en: p.nameEn } };
  }
}

export class PositionPage extends PageView(PositionView) {}
