import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@chadavkhi/identity';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPage, NotificationView } from './dto/notification.view';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiOperation({ summary: 'List my notifications' })
  @Get()
  @ApiOkResponse({ type: NotificationPage, description: 'Newest first; ?unread=true for the unread ones only' })
  mine(@CurrentUser() actor: AuthUser, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.mine(actor, query);
  }

  @ApiOperation({ summary: 'Mark a notification as read' })
  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView, description: 'Marked read (marking it again changes nothing)' })
  @ApiNotFoundResponse({ description: 'You have no notification with this id' })
  read(@CurrentUser() actor: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }
}
