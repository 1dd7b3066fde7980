// Nothing orphaned when someone leaves or moves: a handover names who takes over what they steward
// (their supervisor, else the next holder of their position in that agency, else nobody until HR
// picks someone). Identity decides the successor; each lib that owns stewarded items moves its own
// on handover.opened / handover.reassigned.
import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addOutboxEvent, addOutboxEvents, HandoverPayload, recordAudit, validateInput } from '@chadavkhi/platform';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { scopeCovers, staffScopeOf } from '../agencies/agency-scope';
import type { AuthUser } from '../auth/auth-user';
import { HandoverView } from './dto/handover.view';
import { SetSuccessorDto } from './dto/set-successor.dto';
import { HandoverRow, HandoversRepository, OpenedHandover } from './handovers.repository';
import type { PersonMove } from './person-move';

const payloadOf = (h: OpenedHandover): HandoverPayload => ({
  handoverId: h.id,
  fromUserId: h.fromUserId,
  successorId: h.successorId,
  agencyId: h.agencyId,
  reason: h.reason,
  version: h.version,
});

@Injectable()
export class HandoversService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handovers: HandoversRepository,
    private readonly agencies: AgenciesRepository,
  ) {}

  /**
   * Opens a handover for each person who left or moved (not for a reactivation), with its default
   * successor, and one handover.opened each, in the caller's transaction. Set-based: an import of
   * thousands of moves costs two statements. Call it after the people's rows, supervisors and
   * placements are written (the successor is read from them: a supervisor leaving in the same
   * import is no longer active and is passed over).
   */
  async openFor(manager: EntityManager, moves: PersonMove[]): Promise<void> {
    const opened = await this.handovers.open(manager, moves);
    await addOutboxEvents(manager, 'handover.opened', opened.map(payloadOf));
  }

  /** The handover, for its successor, the person it is about, HR of the agency they left and administrators. */
  async get(actor: AuthUser, id: string): Promise<HandoverView> {
    const row = await this.handovers.find(id);
    if (!row || !this.mayRead(actor, row)) throw new NotFoundException('No handover with this id is visible to you.');
    return this.view(actor, row);
  }

  /** Handovers the actor received or gave, newest first. */
  async mine(actor: AuthUser, limit = 50): Promise<HandoverView[]> {
    return (await this.handovers.involving(actor.id, limit)).map((row) => this.view(actor, row));
  }

  /** Handovers still without a successor in this agency's subtree, which the actor must manage (HR dashboard). */
  async waitingForSuccessor(actor: AuthUser, agencyId: string, limit = 50): Promise<HandoverView[]> {
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw new NotFoundException('No agency has this id.');
    if (!scopeCovers(staffScopeOf(actor), agency.path))
      throw new ForbiddenException('That agency is outside the agencies you manage.');
    const rows = await this.handovers.withoutSuccessor(agencyId, limit);
    return rows.map((row) => this.view(actor, row));
  }

  /**
   * HR of the agency the person left (or an administrator) chooses the successor: an active person
   * in the agencies they manage, not the person themselves. Audited; handover.reassigned moves the
   * items again, to this successor.
   */
  async setSuccessor(actor: AuthUser, id: string, successorId: string, ip: string | null): Promise<HandoverView> {
    const input = await validateInput(SetSuccessorDto, { successorId });
    const scope = staffScopeOf(actor);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.handovers.find(id, manager);
      if (!row || !this.mayRead(actor, row)) throw new NotFoundException('No handover with this id is visible to you.');
      if (!scopeCovers(scope, row.agencyPath))
        throw new ForbiddenException(
          'Only HR of the agency this person left, or an administrator, can choose their successor.',
        );
      if (input.successorId === row.fromUserId)
        throw new UnprocessableEntityException('The successor must be someone other than the person handing over.');
      const path = await this.handovers.activePersonPath(manager, input.successorId);
      if (!path || !scopeCovers(scope, path))
        throw new UnprocessableEntityException('successorId must name an active person in the agencies you manage.');
      if (row.successorId === input.successorId && row.successorSetBy) return;
      const version = await this.handovers.setSuccessor(manager, id, input.successorId, actor.id);
      await addOutboxEvent(
        manager,
        'handover.reassigned',
        payloadOf({ ...row, successorId: input.successorId, version }),
      );
      await recordAudit(
        manager,
        { id: actor.id, email: actor.email, ip },
        'handover.successor.set',
        { type: 'handover', id },
        { from: row.fromUserId, previousSuccessor: row.successorId, successor: input.successorId },
      );
    });
    return this.get(actor, id);
  }

  private mayRead(actor: AuthUser, row: HandoverRow): boolean {
    return (
      actor.id === row.successorId || actor.id === row.fromUserId || scopeCovers(staffScopeOf(actor), row.agencyPath)
    );
  }

  private view(actor: AuthUser, row: HandoverRow): HandoverView {
    return {
      id: row.id,
      from: { id: row.fromUserId, name: row.fromName },
      successor: row.successorId ? { id: row.successorId, name: row.successorName ?? '' } : null,
      reason: row.reason,
      agency: { id: row.agencyId, code: row.agencyCode, name: { mn: row.agencyNameMn, en: row.agencyNameEn } },
      effectiveOn: row.effectiveOn,
      createdAt: new Date(row.createdAt).toISOString(),
      successorChosenByHr: !!row.successorSetBy,
      mayChooseSuccessor: scopeCovers(staffScopeOf(actor), row.agencyPath),
    };
  }
}
