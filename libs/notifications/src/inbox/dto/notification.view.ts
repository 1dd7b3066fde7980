import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NotificationData, NotificationKind } from '../notification-kind';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ description: "One line in the reader's language (the e-mail's subject)" }) title: string;
  @ApiProperty({
    description:
      'The certificate it is about: certificateId, code, courseId, courseTitle, dates; per kind also reason, daysLeft, version',
  })
  data: NotificationData;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() limit: number;
  @ApiProperty({ description: 'Unread notifications in all (for a badge)' }) unread: number;
}
