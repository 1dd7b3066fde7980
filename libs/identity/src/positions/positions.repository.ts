// SQL for positions: the paged list, lookups by id and code, and the content import's writes.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Position } from './position.entity';

/** The columns of a position that the content import sets. */
export type PositionFields = Pick<Position, 'code' | 'nameMn' | 'nameEn' | 'category'>;

@Injectable()
export class PositionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By category, then Mongolian name. */
  async list(offset: number, limit: number): Promise<{ items: Position[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(Position)
      .findAndCount({ order: { category: 'ASC', nameMn: 'ASC' }, skip: offset, take: limit });
    return { items, total };
  }

  all(manager: EntityManager = this.dataSource.manager): Promise<Position[]> {
    return manager.find(Position);
  }

  exists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Position, { id });
  }

  /** The position with this code, or without one the first by code. */
  findByCodeOrFirst(manager: EntityManager, code?: string): Promise<Position | null> {
    return manager.findOne(Position, { where: code ? { code } : {}, order: { code: 'ASC' } });
  }

  async insert(manager: EntityManager, fields: PositionFields): Promise<void> {
    await manager.insert(Position, fields);
  }

  async update(manager: EntityManager, id: string, fields: PositionFields): Promise<void> {
    await manager.update(Position, { id }, fields);
  }
}
