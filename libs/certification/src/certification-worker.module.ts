import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { CertificateSweeperService } from './certificates/certificate-sweeper.service';
import { CertificatesProcessor } from './certificates/certificates.processor';
import { CertificationModule } from './certification.module';

/** The certificates queue's processor; imported only by processes that run jobs. */
@Module({
  imports: [CertificationModule, BullModule.registerQueue({ name: 'certificates' })],
  providers: [CertificatesProcessor, CertificateSweeperService],
})
export class CertificationWorkerModule {}
