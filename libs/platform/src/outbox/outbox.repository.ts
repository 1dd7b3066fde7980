// SQL of the outbox relay: is anything pending, claim a batch, and mark it dispatched or failed.
// Rows are added only by addOutboxEvent(s), in the transaction of the change they record.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface PendingOutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One indexed read: most polls find nothing, and this answers that without a transaction. */
  async hasPending(): Promise<boolean> {
    const [{ pending }] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM outbox_events WHERE dispatched_at IS NULL) AS pending`,
    );
    return pending;
  }

  /** Locks up to `limit` pending rows, oldest first, skipping rows another relay holds. */
  claimPending(manager: EntityManager, limit: number): Promise<PendingOutboxRow[]> {
    return manager.query(
      `SELECT id, type, payload, created_at FROM outbox_events
          WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  /** Counts a failed attempt on the rows, which stay pending. */
  async recordFailure(manager: EntityManager, ids: string[], message: string): Promise<void> {
    await manager.query(`UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1)`, [
      ids,
      message,
    ]);
  }

  async markDispatched(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE outbox_events SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1)`, [
      ids,
    ]);
  }
}
