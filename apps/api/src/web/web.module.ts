import { Module } from '@nestjs/common';
import { IdentityModule } from '@chadavkhi/identity';
import { HomePageService } from './home-page.service';
import { WebController } from './web.controller';

@Module({ imports: [IdentityModule], controllers: [WebController], providers: [HomePageService] })
export class WebModule {}
