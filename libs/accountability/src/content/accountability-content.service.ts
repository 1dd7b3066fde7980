// The accountability part of content/: the competency framework, and (for the local demo) assignments.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentContentError, DemoAssignment } from '../assignments/assignment-content';
import { AssignmentsRepository, withFingerprint } from '../assignments/assignments.repository';
import { AssignmentsService } from '../assignments/assignments.service';
import { CompetencyFramework, importCompetencies } from '../competencies/competency-content';

@Injectable()
export class AccountabilityContentService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly assignmentRows: AssignmentsRepository,
  ) {}

  /** Writes the framework; positions and courses not in the database yet are skipped (import them first). */
  importCompetencies(manager: EntityManager, framework: CompetencyFramework): ReturnType<typeof importCompetencies> {
    return importCompetencies(manager, framework);
  }

  /** Each created as the API creates one (same fingerprint, same outbox event), so importing twice creates nothing twice. */
  async importDemoAssignments(manager: EntityManager, list: DemoAssignment[]): Promise<{ created: number; unchanged: number }> {
    const counts = { created: 0, unchanged: 0 };
    for (const [i, a] of list.entries()) {
      const where = `content/demo/assignments.yaml assignments[${i}]`;
      const ids = await this.assignmentRows.idsByCode(manager, a);
      if (!ids.courseId) throw new AssignmentContentError(`${where}: no published course "${a.course}"`);
      if (!ids.byId) throw new AssignmentContentError(`${where}: no user "${a.by}"`);
      if (!ids.agencyId) throw new AssignmentContentError(`${where}: no agency "${a.agency}"`);
      if (a.position && !ids.positionId) throw new AssignmentContentError(`${where}: no position "${a.position}"`);
      const date = a.due.date !== undefined ? String(a.due.date) : null;
      const r = await this.assignments.record(
        manager,
        withFingerprint({
          courseId: ids.courseId,
          createdBy: ids.byId,
          scopeAgencyId: ids.agencyId,
          targetKind: ids.positionId ? 'position' : 'agency',
          positionId: ids.positionId ?? null,
          userIds: null,
          dueKind: date ? 'date' : a.due.daysAfterAppointment !== undefined ? 'after_appointment' : 'after_joining',
          dueDate: date,
          dueDays: a.due.daysAfterAppointment ?? a.due.daysAfterJoining ?? null,
          renewYearly: a.renewYearly ?? false,
        }),
      );
      counts[r.created ? 'created' : 'unchanged']++;
    }
    return counts;
  }
}
