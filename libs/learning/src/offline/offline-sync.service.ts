// What a learner's device did while offline, applied when it reconnects: each event in its own
// transaction with its device-made id recorded beside the change, so a batch sent twice (or cut
// off half-way and sent again) applies every event exactly once and answers per item.
import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@chadavkhi/identity';
import { EnrollmentsService } from '../enrollments/enrollments.service';
import { OfflineEventDto, SyncOutcome } from './dto/sync-batch.dto';

/** Device clocks drift; a completion "from the future" is taken as now rather than refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

@Injectable()
export class OfflineSyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentsService,
  ) {}

  async apply(actor: AuthUser, items: OfflineEventDto[]): Promise<{ items: SyncOutcome[]; applied: number; duplicate: number; refused: number }> {
    const outcomes: SyncOutcome[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item.id)) {
        outcomes.push({ id: item.id, status: 'duplicate' });
        continue;
      }
      seen.add(item.id);
      outcomes.push(await this.applyOne(actor, item));
    }
    const count = (s: SyncOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    return { items: outcomes, applied: count('applied'), duplicate: count('duplicate'), refused: count('refused') };
  }

  private async applyOne(actor: AuthUser, item: OfflineEventDto): Promise<SyncOutcome> {
    const occurred = new Date(item.occurredAt);
    const at = occurred.getTime() > Date.now() + CLOCK_SKEW_MS ? new Date() : occurred;
    try {
      return await this.dataSource.transaction(async (m) => {
        const recorded: { user_id: string }[] = await m.query(
          `INSERT INTO offline_events (id, user_id, type, enrollment_id, occurred_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO NOTHING RETURNING user_id`,
          [item.id, actor.id, item.type, item.enrollmentId, at],
        );
        if (!recorded.length) {
          const [owner] = await m.query(`SELECT user_id FROM offline_events WHERE id = $1`, [item.id]);
          return owner?.user_id === actor.id ? { id: item.id, status: 'duplicate' as const } : { id: item.id, status: 'refused' as const, reason: 'This event id was already used by someone else.' };
        }
        await this.enrollments.completeLessonWith(m, actor, item.enrollmentId, item.lessonId, at);
        return { id: item.id, status: 'applied' as const };
      });
    } catch (error) {
      // The transaction rolled back, so the id is not recorded: a corrected resend can still apply.
      if (error instanceof NotFoundException) return { id: item.id, status: 'refused', reason: error.message };
      if (error instanceof HttpException && error.getStatus() < 500) return { id: item.id, status: 'refused', reason: error.message };
      throw error;
    }
  }
}
