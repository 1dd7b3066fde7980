import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kind';
import { NotificationData } from './notification-data.view';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ description: "One line in the reader's language (the e-mail's subject)" }) title: string;
  @ApiProperty({ type: NotificationData, description: 'The facts it is about; which ones depends on its kind' })
  data: NotificationData;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while unread' })
  readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) limit: number;
  @ApiProperty({ type: 'integer', description: 'Unread notifications in all (for a badge)' }) unread: number;
}
