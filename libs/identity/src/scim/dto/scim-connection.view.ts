import { ApiProperty } from '@nestjs/swagger';
import { PageView } from '@chadavkhi/platform';
import type { ScimConnectionRow } from '../scim-connections.repository';

/** A connected system as lists show it: never its token, only a hint to tell tokens apart. */
export class ScimConnectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ example: 'ministry-finance' }) agencyCode: string;
  @ApiProperty({ example: 'chs_…x9Qa' }) tokenHint: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who connected it (null once deleted)' })
  createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while it is in use' })
  revokedAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Updated at most once a minute; null until first used',
  })
  lastUsedAt: string | null;

  static of(row: ScimConnectionRow): ScimConnectionView {
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return {
      id: row.id,
      name: row.name,
      agencyId: row.agencyId,
      agencyCode: row.agencyCode,
      tokenHint: row.tokenHint,
      createdBy: row.createdBy,
      createdAt: new Date(row.createdAt).toISOString(),
      revokedAt: iso(row.revokedAt),
      lastUsedAt: iso(row.lastUsedAt),
    };
  }
}

export class ScimConnectionPage extends PageView(ScimConnectionView) {}

/** The answer to creating a connection: the only time the token is ever shown. */
export class CreatedScimConnectionView extends ScimConnectionView {
  @ApiProperty({ description: 'The bearer token for /scim/v2. Shown this once; only its hash is kept.' })
  token: string;
}
