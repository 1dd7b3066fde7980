// The staff records service's interface as the lead announced it (libs/identity/src/staff/staff-sync.service.ts);
// this file goes once that service is on main, and the imports point at it instead.
import type { StaffRecord, StaffRecordProblem } from '../staff/staff-record';

export interface StaffSource {
  kind: 'import' | 'scim';
  label: string;
  actorId: string | null;
  rootAgencyId: string | null;
  ip: string | null;
}
export interface StaffPerson {
  id: string;
  registrationNumber: string | null;
  familyName: string | null;
  givenName: string | null;
  nameLatin: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  staffNumber: string | null;
  agencyCode: string;
  positionCode: string;
  supervisorId: string | null;
  supervisorRegistrationNumber: string | null;
  joinedServiceOn: string | null;
  positionSince: string;
  leftOn: string | null;
  externalId: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export type StaffChange = 'create' | 'update' | 'move' | 'rejoin' | 'leave' | 'unchanged';

export class StaffRecordRefusal extends Error {
  problems: StaffRecordProblem[] = [];
}

export abstract class StaffSyncService {
  abstract findPeople(
    source: StaffSource,
    filter: { registrationNumber?: string; externalId?: string },
    offset: number,
    limit: number,
  ): Promise<{ items: StaffPerson[]; total: number }>;
  abstract getPerson(source: StaffSource, userId: string): Promise<StaffPerson | undefined>;
  abstract saveRecord(
    source: StaffSource,
    record: StaffRecord,
    options?: { userId?: string; active?: boolean },
  ): Promise<{ userId: string; change: StaffChange }>;
  abstract leave(source: StaffSource, userId: string, on?: string): Promise<StaffChange>;
}
