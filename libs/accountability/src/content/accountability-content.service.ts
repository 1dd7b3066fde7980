// The accountability part of content/: the competency framework, and (for the local demo) assignments.
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentContentError, DemoAssignment } from '../assignments/assignment-content';
import { AssignmentsRepository, withFingerprint } from '../assignments/assignments.repository';
import { AssignmentsService } from '../assignments/assignments.service';
import { COMPETENCY_LEVELS, CompetencyFramework, CompetencyImportCounts } from '../competencies/competency-content';
import { CompetencyContentRepository } from '../competencies/competency-content.repository';

@Injectable()
export class AccountabilityContentService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly assignmentRows: AssignmentsRepository,
    private readonly competencies: CompetencyContentRepository,
  ) {}

  /** Writes the framework; positions and courses not in the database yet are skipped (import them first). */
  async importCompetencies(manager: EntityManager, framework: CompetencyFramework): Promise<CompetencyImportCounts> {
    const counts: CompetencyImportCounts = {
      competencies: { created: 0, updated: 0, unchanged: 0 },
      positionRequirements: 0,
      courseLevels: 0,
    };
    for (const [position, c] of framework.competencies.entries()) {
      const row = await this.competencies.upsertCompetency(manager, c, position);
      let levelsChanged = false;
      for (const level of COMPETENCY_LEVELS)
        levelsChanged = (await this.competencies.upsertLevel(manager, c.code, level, c.levels[level])) || levelsChanged;
      if (row?.created) counts.competencies.created++;
      else if (row || levelsChanged) counts.competencies.updated++;
      else counts.competencies.unchanged++;
    }
    for (const [code, levels] of framework.positions) {
      await this.competencies.replacePositionRequirements(
        manager,
        code,
        [...levels].map(([competency, level]) => ({ competency, level })),
      );
      counts.positionRequirements += levels.size;
    }
    for (const [code, levels] of framework.courses) {
      await this.competencies.replaceCourseLevels(
        manager,
        code,
        [...levels].map(([competency, level]) => ({ competency, level })),
      );
      counts.courseLevels += levels.size;
    }
    return counts;
  }

  /** Each created as the API creates one (same fingerprint, same outbox event), so importing twice creates nothing twice. */
  async importDemoAssignments(
    manager: EntityManager,
    list: DemoAssignment[],
  ): Promise<{ created: number; unchanged: number }> {
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
