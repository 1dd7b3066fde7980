import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { UserView } from './dto/user.view';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @ApiOperation({ summary: 'Get my own profile' })
  @Get()
  @ApiOkResponse({ type: UserView })
  @ApiUnauthorizedResponse({ description: 'No valid token or session' })
  me(@CurrentUser() user: AuthUser): UserView {
    return user.profile;
  }
}
