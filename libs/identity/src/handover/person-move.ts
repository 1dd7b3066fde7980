/** A person's placement before and after a change, as user.moved carries it (one per person of an import). */
export interface PersonMove {
  userId: string;
  agencyId: string;
  previousAgencyId: string;
  positionId: string;
  previousPositionId: string;
  isActive: boolean;
  wasActive: boolean;
  /** YYYY-MM-DD: the day the change takes effect. */
  on: string;
}
