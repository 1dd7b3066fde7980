import { Module } from '@nestjs/common';
import { CertificationModule } from './certification.module';
import { JwksController } from './signing/jwks.controller';

/** /.well-known/jwks.json, served at the site root (outside /api/v1). */
@Module({ imports: [CertificationModule], controllers: [JwksController] })
export class WellKnownModule {}
