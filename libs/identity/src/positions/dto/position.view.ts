import type { Position, PositionCategory } from '../position.entity';

export class PositionView {
  id: string;
  code: string;
  category: PositionCategory;
  name: { mn: string; en: string };

  static of(p: Position): PositionView {
    return { id: p.id, code: p.code, category: p.category, name: { mn: p.nameMn, en: p.nameEn } };
  }
}
