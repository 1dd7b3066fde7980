// The pure rule that turns an agency's competency gaps into suggested plan lines: per competency, a
// line online for the people who learn online and one face to face for those who are offline, with
// the course that builds the competency to the level their positions need (or the nearest below it);
// external training where no course builds it. Largest gaps first, spread over the four quarters.
import { MAX_SEATS } from './dto/plan-line.dto';
import type { NewLine } from './plans.repository';
import type { BuildingCourseRow, GapGroupRow } from './plan-draft.repository';

export const MAX_DRAFT_LINES = 200;
/** The coverage of the competency in the target group a drafted line aims for, in percent. */
export const DRAFT_KPI_TARGET = 80;
const MAX_POSITIONS = 50;

export function draftLines(agencyId: string, gaps: GapGroupRow[], courses: BuildingCourseRow[]): NewLine[] {
  const lines: NewLine[] = [];
  gaps.forEach((g, rank) => {
    const quarter = Math.min(4, 1 + Math.floor((rank * 4) / Math.max(1, gaps.length)));
    const building = courses.filter((c) => c.competency_code === g.competency_code);
    const course = building.find((c) => c.level >= g.level) ?? building[0];
    const positionIds = g.positions.slice(0, MAX_POSITIONS).map((p) => p.id);
    // A government-wide gap can exceed one line's seats: the line plans the most a line may.
    const seats = (people: number) => Math.min(people, MAX_SEATS);
    const survey = g.confirmed
      ? ` (хэрэгцээний судалгаагаар ${g.confirmed} нь баталгаажсан / ${g.confirmed} confirmed by the needs survey)`
      : '';
    const kpi = (people: number) =>
      `${g.name_mn}: ${people} хүний зөрүүг арилгаж, зорилтот бүлгийн ${DRAFT_KPI_TARGET}%-ийг шаардлагатай түвшинд хүргэнэ / ${g.name_en}: close the gap of ${people} people; ${DRAFT_KPI_TARGET}% of the target group at the required level${survey}`;
    const base = {
      competencyCode: g.competency_code,
      targetAgencyId: agencyId,
      positionIds,
      quarter,
      cost: 0,
      kpiMeasure: 'competency_coverage' as const,
      kpiTarget: DRAFT_KPI_TARGET,
    };
    if (!course) {
      lines.push({
        ...base,
        modality: 'external',
        courseId: null,
        provider: 'Гадны сургалт (сонгоно) / External provider (to be chosen)',
        seats: seats(g.people),
        kpi: kpi(g.people),
      });
      return;
    }
    const online = g.people - g.offline;
    if (online > 0)
      lines.push({
        ...base,
        modality: 'online',
        courseId: course.course_id,
        provider: null,
        seats: seats(online),
        kpi: kpi(online),
      });
    if (g.offline > 0)
      lines.push({
        ...base,
        modality: 'face_to_face',
        courseId: course.course_id,
        provider: null,
        seats: seats(g.offline),
        kpi: kpi(g.offline),
      });
  });
  return lines.slice(0, MAX_DRAFT_LINES);
}
