// My team: a supervisor's active direct reports (users.supervisor_id, from the HR records) with
// their mandatory training, competency gaps and valid certificates. Only direct reports, and a
// person who is not one is answered as missing, so the route tells nobody who reports to whom.
import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser, maskRegistrationNumber } from '@chadavkhi/identity';
import { CompetenciesRepository } from '../competencies/competencies.repository';
import { TeamMemberView, TeamView } from './dto/team.view';
import { ReportRow, TeamRepository } from './team.repository';

@Injectable()
export class TeamService {
  constructor(
    private readonly team: TeamRepository,
    private readonly competencies: CompetenciesRepository,
  ) {}

  hasReports(actor: AuthUser): Promise<boolean> {
    return this.team.hasReports(actor.id);
  }

  async mine(actor: AuthUser): Promise<TeamView> {
    const members = await this.members(await this.team.reports(actor.id));
    return { members, overdue: members.reduce((n, m) => n + m.overdue, 0) };
  }

  async member(actor: AuthUser, userId: string): Promise<TeamMemberView> {
    const report = await this.team.report(actor.id, userId);
    if (!report)
      throw new NotFoundException({ message: 'None of your direct reports has this id.', slug: 'not-a-direct-report' });
    return (await this.members([report]))[0];
  }

  private async members(reports: ReportRow[]): Promise<TeamMemberView[]> {
    const ids = reports.map((r) => r.id);
    const [training, certificates, profiles] = await Promise.all([
      this.team.training(ids),
      this.team.certificates(ids),
      this.competencies.profiles(ids),
    ]);
    const trainingOf = group(training);
    const certificatesOf = group(certificates);
    const profileOf = group(profiles);
    return reports.map((r) => {
      const mine = trainingOf.get(r.id) ?? [];
      const open = mine.filter((t) => t.status !== 'completed').map((t) => t.due_on);
      const profile = profileOf.get(r.id) ?? [];
      return {
        id: r.id,
        name: r.name,
        registrationNumber: r.registration_number ? maskRegistrationNumber(r.registration_number) : null,
        email: r.email,
        agency: { id: r.agency_id, code: r.agency_code, name: { mn: r.agency_mn, en: r.agency_en } },
        position: { id: r.position_id, code: r.position_code, name: { mn: r.position_mn, en: r.position_en } },
        assigned: mine.length,
        completed: mine.filter((t) => t.status === 'completed').length,
        overdue: mine.filter((t) => t.status === 'overdue').length,
        nextDue: open.length ? open.reduce((a, b) => (a < b ? a : b)) : null,
        training: mine.map((t) => ({
          assignmentId: t.assignment_id,
          course: { id: t.course_id, title: t.title, titleEn: t.title_en },
          dueOn: t.due_on,
          status: t.status,
        })),
        required: profile.filter((p) => p.required !== null).length,
        gaps: profile
          .filter((p) => p.required !== null && (p.held ?? 0) < p.required)
          .map((p) => ({
            code: p.code,
            name: { mn: p.name_mn, en: p.name_en },
            requiredLevel: p.required!,
            heldLevel: p.held,
          })),
        certificates: (certificatesOf.get(r.id) ?? []).map((c) => ({
          code: c.code,
          courseTitle: c.course_title,
          courseTitleEn: c.course_title_en,
          issuedAt: new Date(c.issued_at).toISOString(),
          expiresAt: c.expires_at ? new Date(c.expires_at).toISOString() : null,
        })),
      };
    });
  }
}

function group<T extends { user_id: string }>(rows: T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const row of rows) by.set(row.user_id, [...(by.get(row.user_id) ?? []), row]);
  return by;
}
