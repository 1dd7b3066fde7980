import { ApiProperty } from '@nestjs/swagger';
import { ApiNullableRef, PageView } from '@chadavkhi/platform';
import { AGENCY_KINDS } from '../../agencies/agency.entity';
import { ROLES, type Role } from '../../roles';

export class LocalizedName {
  @ApiProperty({ example: 'Сангийн яам' }) mn: string;
  @ApiProperty({ example: 'Ministry of Finance' }) en: string;
}

export class AgencyRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ministry-finance' }) code: string;
  @ApiProperty({ enum: AGENCY_KINDS }) kind: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

export class PositionRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'tax-inspector' }) code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** A user as the API shows them; never includes the password hash or token version. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when HR records give no address' })
  email: string | null;
  @ApiProperty() name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'УБ******12',
    description:
      'The national registration number (two Cyrillic letters, eight digits). Whole only for the person, HR officers whose subtree holds them and administrators; masked (УБ******12) for anyone else. Null when HR records give none',
  })
  registrationNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Family name (овог), Cyrillic' }) familyName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Given name (нэр), Cyrillic' }) givenName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The name in Latin letters, printed on certificates in English',
  })
  nameLatin: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiNullableRef(PersonRef, { description: 'The supervisor HR records name' })
  supervisor: PersonRef | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ type: AgencyRef }) agency: AgencyRef;
  @ApiProperty({ type: PositionRef }) position: PositionRef;
  @ApiProperty({ type: String, nullable: true, description: 'The number HR records give the person' })
  staffNumber: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Joined the civil service' })
  joinedServiceOn: string | null;
  @ApiProperty({ format: 'date', description: 'Holds the current position since' }) positionSince: string;
  @ApiProperty({ format: 'date', description: 'Works in the current agency since' }) agencySince: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: 'Left the service (inactive from that day)',
  })
  leftOn: string | null;
  @ApiProperty({ enum: ['mn', 'en'] }) locale: 'mn' | 'en';
  @ApiProperty() isActive: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Null until the first sign-in' })
  lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPage extends PageView(UserView) {}

/** One stretch of a person's position history: valid from `validFrom` until the day before `validTo`. */
export class PlacementView {
  @ApiProperty({ type: AgencyRef }) agency: AgencyRef;
  @ApiProperty({ type: PositionRef }) position: PositionRef;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date',
    description: 'Exclusive: the first day the person no longer held it; null while they still do',
  })
  validTo: string | null;
}
