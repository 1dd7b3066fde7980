// The accountability part of content/: the competency framework, and (for the local demo) assignments.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentContentError, DemoAssignment } from '../assignments/assignment-content';
import { AssignmentsRepository, withFingerprint } from '../assignments/assignments.repository';
import { CompetencyFramework, importCompetencies } from '../competencies/competency-content';

@Injectable()
export class AccountabilityContentService {
  constructor(private readonly assignments: AssignmentsRepository) {}

  /** Writes the framework; positions and courses not in the database yet are skipped (import them first). */
  importCompetencies(manager: EntityManager, framework: CompetencyFramework): ReturnType<typeof importCompetencies> {
    return importCompetencies(manager, framework);
  }

  /** Each created as the API creates one (same fingerprint, same outbox event), so importing twice creates nothing twice. */
  async importDemoAssignments(manager: EntityManager, list: DemoAssignment[]): Promise<{ created: number; unchanged: number }> {
    const counts = { created: 0, unchanged: 0 };
    for (const [i, a] of list.entries()) {
      const where = `content/demo/assignments.yaml assignments[${i}]`;
      const [course] = await manager.query(`SELECT id FROM courses WHERE code = $1 AND current_version_id IS NOT NULL`, [a.course]);
      const [by] = await manager.query(`SELECT id FROM users WHERE email = $1`, [a.by]);
      const [agency] = await manager.query(`SELECT id FROM agencies WHERE code = $1`, [a.agency]);
      const [position] = a.position ? await manager.query(`SELECT id FROM positions WHERE code = $1`, [a.position]) : [null];
      if (!course) throw new AssignmentContentError(`${where}: no published course "${a.course}"`);
      if (!by) throw new AssignmentContentError(`${where}: no user "${a.by}"`);
      if (!agency) throw new AssignmentContentError(`${where}: no agency "${a.agency}"`);
      if (a.position && !position) throw new AssignmentContentError(`${where}: no position "${a.position}"`);
      const date = a.due.date !== undefined ? String(a.due.date) : null;
      const r = await this.assignments.create(
        manager,
        withFingerprint({
          courseId: course.id,
          createdBy: by.id,
          scopeAgencyId: agency.id,
          targetKind: position ? 'position' : 'agency',
          positionId: position?.id ?? null,
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
