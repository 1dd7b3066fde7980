import { ApiProperty } from '@nestjs/swagger';
import { ApiNullableRef } from '@chadavkhi/platform';
import { LocalizedName } from '../../users/dto/user.view';

export class HandoverPersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class HandoverAgencyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ type: LocalizedName }) name: LocalizedName;
}

/** A handover as identity knows it: who, to whom, why and when (the items are listed by the libs that own them). */
export class HandoverView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: HandoverPersonView }) from: HandoverPersonView;
  @ApiNullableRef(HandoverPersonView, { description: 'null: nobody yet, the items are orphaned' })
  successor: HandoverPersonView | null;
  @ApiProperty({ enum: ['left', 'moved'] }) reason: 'left' | 'moved';
  @ApiProperty({ type: HandoverAgencyView, description: 'The agency the person left' }) agency: HandoverAgencyView;
  @ApiProperty({ format: 'date', example: '2026-12-05' }) effectiveOn: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'false: the default successor (supervisor or next holder of the position)' })
  successorChosenByHr: boolean;
  @ApiProperty({ description: 'Whether the actor may choose another successor' }) mayChooseSuccessor: boolean;
}
