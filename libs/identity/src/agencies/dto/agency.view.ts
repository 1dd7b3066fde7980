import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import { LocalizedName } from '../../users/dto/user.view';
import { Agency, AGENCY_KINDS, type AgencyKind } from '../agency.entity';

export class AgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ministry-finance' }) code: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: AgencyKind;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the government, the root' })
  parentId: string | null;
  @ApiProperty({ type: 'integer', description: 'Depth in the tree; the government is 0' }) depth: number;
  @ApiProperty({
    description:
      'Whether people here may sign in with a password (administrators always may; off here or above: not here)',
  })
  passwordSignIn: boolean;

  static of(a: Agency): AgencyView {
    return {
      id: a.id,
      code: a.code,
      kind: a.kind,
      name: { mn: a.nameMn, en: a.nameEn },
      parentId: a.parentId,
      depth: a.path.length - 1,
      passwordSignIn: a.passwordSignIn,
    };
  }
}

export class AgencyPage extends PageView(AgencyView) {}

export class AgencyDetailView extends AgencyView {
  @ApiProperty({ type: [AgencyView], description: 'From the root down to the parent' }) ancestors: AgencyView[];
  @ApiProperty({ type: [AgencyView] }) children: AgencyView[];
}

export class AgencyTreeNode extends AgencyView {
  @ApiProperty({ type: () => [AgencyTreeNode] }) children: AgencyTreeNode[];
}
