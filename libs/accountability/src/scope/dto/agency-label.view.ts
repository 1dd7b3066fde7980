// An agency as HR figures and lists name it: enough to show and link it, in both languages.
import { ApiProperty } from '@nestjs/swagger';
import { LocalizedName } from '@chadavkhi/identity';

export class AgencyLabelView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ministry-finance' }) code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}
