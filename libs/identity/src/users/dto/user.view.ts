import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../roles';
import { User } from '../user.entity';

export class LocalizedName {
  @ApiProperty({ example: 'Сангийн яам' }) mn: string;
  @ApiProperty({ example: 'Ministry of Finance' }) en: string;
}

export class AgencyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ministry-finance' }) code: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

export class PositionRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'tax-inspector' }) code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

/** A user as the API shows them; never includes the password hash or token version. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, description: 'Null when HR records give no address' }) email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: AgencyRef }) agency: AgencyRef;
  @ApiProperty({ type: PositionRef }) position: PositionRef;
  @ApiPropertyOptional({ nullable: true }) staffNumber: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) locale: 'mn' | 'en';
  @ApiProperty() isActive: boolean;
  @ApiPropertyOptional({ nullable: true }) lastLoginAt: string | null;
  @ApiProperty() createdAt: string;

  static of(user: User): UserView {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: user.roles,
      agency: {
        id: user.agency!.id,
        code: user.agency!.code,
        kind: user.agency!.kind,
        name: { mn: user.agency!.nameMn, en: user.agency!.nameEn },
      },
      position: {
        id: user.position!.id,
        code: user.position!.code,
        name: { mn: user.position!.nameMn, en: user.position!.nameEn },
      },
      staffNumber: user.staffNumber,
      locale: user.locale,
      isActive: user.isActive,
      lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
