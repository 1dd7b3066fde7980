import { ApiProperty } from '@nestjs/swagger';

export class PaperSheetsResultView {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: 'integer', description: 'Sheets recorded now' }) recorded: number;
  @ApiProperty({ type: [Number], description: 'Sheet numbers typed in before: kept as first typed, not added again' })
  duplicates: number[];
  @ApiProperty({ type: 'integer', description: "The session's paper sheets in all" }) total: number;
  @ApiProperty() message: string;
}
