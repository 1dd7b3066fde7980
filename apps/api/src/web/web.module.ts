import { Module } from '@nestjs/common';
import { CertificationModule } from '@chadavkhi/certification';
import { IdentityModule } from '@chadavkhi/identity';
import { HomePageService } from './home-page.service';
import { VerifyPageController } from './verify-page.controller';
import { WebController } from './web.controller';

@Module({ imports: [IdentityModule, CertificationModule], controllers: [WebController, VerifyPageController], providers: [HomePageService] })
export class WebModule {}
