// Reads the certificate a notification is about (certification's table, read-only): the holder and
// what the message says. Notifications never write to it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CertificateFacts {
  id: string;
  code: string;
  user_id: string;
  course_id: string;
  course_title: string;
  course_title_en: string | null;
  issued_at: Date;
  expires_at: Date | null;
  revocation_reason: string | null;
}

@Injectable()
export class CertificateFactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(certificateId: string): Promise<CertificateFacts | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, code, user_id, course_id, course_title, course_title_en, issued_at, expires_at, revocation_reason FROM certificates WHERE id = $1`,
      [certificateId],
    );
    return row;
  }
}
