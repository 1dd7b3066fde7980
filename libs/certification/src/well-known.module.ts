import { Module } from '@nestjs/common';
import { CertificationModule } from './certification.module';
import { DidDocumentController } from './open-badges/did-document.controller';
import { JwksController } from './signing/jwks.controller';

/** /.well-known/jwks.json and /.well-known/did.json, served at the site root (outside /api/v1). */
@Module({ imports: [CertificationModule], controllers: [JwksController, DidDocumentController] })
export class WellKnownModule {}
