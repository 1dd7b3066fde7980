import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AgencyRef } from '../../users/dto/user.view';

/** The kinds of change an import lists (the people it leaves unchanged are only counted). */
export const STAFF_CHANGE_KINDS = ['create', 'update', 'move', 'rejoin', 'leave'] as const;

export class StaffCounts {
  @ApiProperty({ type: 'integer' }) create: number;
  @ApiProperty({ type: 'integer' }) update: number;
  @ApiProperty({ type: 'integer' }) move: number;
  @ApiProperty({ type: 'integer', description: 'People who had left and come back' }) rejoin: number;
  @ApiProperty({ type: 'integer', description: 'Full sync only: people of the subtree the file does not list' })
  leave: number;
  @ApiProperty({ type: 'integer' }) unchanged: number;
  @ApiProperty({
    type: 'integer',
    description: 'Rows refused, with their line and reason; while there are any, nothing can be applied',
  })
  problems: number;
}

export class StaffPlacementRef {
  @ApiProperty() agencyCode: string;
  @ApiProperty() positionCode: string;
}

export class StaffChangeView {
  @ApiProperty({ enum: STAFF_CHANGE_KINDS }) kind: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The line of the file (null for leavers)' })
  line: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Null for someone new' })
  userId: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Whole: only HR of the subtree and administrators see imports',
  })
  registrationNumber: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String], description: 'The fields that change' }) fields: string[];
  @ApiPropertyOptional({ type: StaffPlacementRef }) from?: StaffPlacementRef;
  @ApiPropertyOptional({ type: StaffPlacementRef }) to?: StaffPlacementRef;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
}

export class StaffProblemView {
  @ApiPropertyOptional({ type: 'integer', nullable: true }) line: number | null;
  @ApiPropertyOptional() registrationNumber?: string;
  @ApiProperty({ description: 'The column, or empty for the whole row' }) field: string;
  @ApiProperty({ description: 'A stable code: malformed, required, duplicate, unknown-agency, formula, …' })
  code: string;
  @ApiProperty() message: string;
}

export class StaffChangeList {
  @ApiProperty({ type: [StaffChangeView] }) items: StaffChangeView[];
  @ApiProperty({ type: 'integer', description: 'How many changes of this kind the plan has' }) total: number;
  @ApiProperty({ type: 'integer', description: 'How many the preview keeps to list (the first ones, in file order)' })
  listed: number;
}

export class StaffProblemList {
  @ApiProperty({ type: [StaffProblemView] }) items: StaffProblemView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) listed: number;
}

/** A staff import: its preview (what would change) and, once confirmed, what changed. */
export class StaffImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: AgencyRef }) agency: AgencyRef;
  @ApiProperty({ description: 'Full sync: people of the subtree missing from the file leave' }) fullSync: boolean;
  @ApiProperty() fileName: string;
  @ApiProperty({ type: 'integer', description: 'In bytes' }) fileSize: number;
  @ApiProperty() fileSha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Who uploaded it: an e-mail address, or the command line' }) createdBy: string;
  @ApiProperty({ enum: ['previewed', 'applied'] }) status: 'previewed' | 'applied';
  @ApiProperty({ type: StaffCounts }) counts: StaffCounts;
  @ApiProperty({ description: 'False while rows are refused or once applied' }) canApply: boolean;
  @ApiProperty({ type: StaffChangeList }) changes: StaffChangeList;
  @ApiProperty({ type: StaffProblemList }) problems: StaffProblemList;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while previewed' })
  appliedAt: string | null;
}

/** A page of imports: each without its list of changes (GET /staff-imports/{id} has them). */
export class StaffImportPage {
  @ApiProperty({ type: [StaffImportView] }) items: StaffImportView[];
  @ApiProperty({ type: 'integer' }) total: number;
}

/** What applying changed: the counts (all zero when the same file was applied before or changes nothing). */
export class StaffImportResult {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: StaffCounts }) applied: StaffCounts;
  @ApiProperty({ description: 'True when this import had been applied already: nothing changed this time' })
  alreadyApplied: boolean;
}
