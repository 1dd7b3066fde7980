import { ApiProperty } from '@nestjs/swagger';
import type { ScimConnectionRow } from '../scim-connections.repository';

/** A connected system as lists show it: never its token, only a hint to tell tokens apart. */
export class ScimConnectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ example: 'ministry-finance' }) agencyCode: string;
  @ApiProperty({ example: 'chs_…x9Qa' }) tokenHint: string;
  @ApiProperty({ format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) revokedAt: string | null;
  @ApiProperty({ nullable: true, description: 'Updated at most once a minute' }) lastUsedAt: string | null;

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

/** The answer to creating a connection: the only time the token is ever shown. */
export class CreatedScimConnectionView extends ScimConnectionView {
  @ApiProperty({ description: 'The bearer token for /scim/v2. Shown this once; only its hash is kept.' })
  token: string;
}
