// What the public sees of capacity-building plans: each approved plan's latest approved version (its
// frozen lines) with the current plan vs actual of those lines and the spending against them. No
// person is read: who drafted, submitted or approved stays inside.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PlanVersionLineView } from '../plans/dto/plan.view';

export interface PublishedPlanRow {
  plan_id: string;
  agency_id: string;
  agency_code: string;
  agency_name_mn: string;
  agency_name_en: string;
  year: number;
  version: number;
  approved_at: Date;
  budget: string;
  total: string;
  lines: PlanVersionLineView[];
  actuals: Record<
    string,
    {
      reached: number;
      completed: number;
      certified: number;
      spent: string;
      kpi_value: string | null;
      kpi_people: number | null;
      computed_at: Date;
    }
  >;
  spent: Record<string, string>;
}

@Injectable()
export class PlanOpenDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Approved plans (one: `planId`), newest year first, agencies by code. */
  async published(planId: string | null = null): Promise<PublishedPlanRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS plan_id, p.agency_id, a.code AS agency_code, a.name_mn AS agency_name_mn, a.name_en AS agency_name_en,
              p.year, v.version, v.approved_at, v.budget, v.total, v.lines,
              COALESCE((SELECT jsonb_object_agg(x.line_id, jsonb_build_object('reached', x.reached, 'completed', x.completed,
                         'certified', x.certified, 'spent', x.spent, 'kpi_value', x.kpi_value, 'kpi_people', x.kpi_people,
                         'computed_at', x.computed_at))
                          FROM capacity_plan_actuals x WHERE x.plan_id = p.id), '{}') AS actuals,
              COALESCE((SELECT jsonb_object_agg(s.line_id, s.total) FROM (
                 SELECT line_id, sum(amount) AS total FROM capacity_plan_spending WHERE plan_id = p.id GROUP BY line_id) s), '{}') AS spent
         FROM capacity_plans p JOIN agencies a ON a.id = p.agency_id
         JOIN capacity_plan_versions v ON v.plan_id = p.id AND v.version = p.approved_version
        WHERE p.approved_version > 0 AND ($1::uuid IS NULL OR p.id = $1)
        ORDER BY p.year DESC, a.code LIMIT 5000`,
      [planId],
    );
  }
}
