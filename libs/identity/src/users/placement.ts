/** Where a person works and whether they may sign in; a field left out stays as it is. */
export interface Placement {
  agencyId?: string;
  positionId?: string;
  isActive?: boolean;
}
