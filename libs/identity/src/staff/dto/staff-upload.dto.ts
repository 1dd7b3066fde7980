import { UnprocessableEntityException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** The fields of a staff upload (multipart/form-data, as an HTML form or curl -F sends them). */
export class StaffUploadFields {
  file: Buffer;
  agency: string;
  fullSync: boolean;
  fileName?: string;

  static from(body: unknown): StaffUploadFields {
    const fields = (body ?? {}) as Record<string, unknown>;
    if (!Buffer.isBuffer(fields.file))
      throw new UnprocessableEntityException('Send the staff file as the form field "file" (multipart/form-data).');
    const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
    const fullSync = text('fullSync');
    if (fullSync !== undefined && !['true', 'false', 'on', '1', '0', ''].includes(fullSync))
      throw new UnprocessableEntityException('fullSync must be true or false.');
    return {
      file: fields.file,
      agency: text('agency') ?? '',
      fullSync: fullSync === 'true' || fullSync === 'on' || fullSync === '1',
      fileName: text('fileName'),
    };
  }
}

export class ApplyStaffImportDto {
  @ApiPropertyOptional({
    description: 'E-mail new people an invitation to set a password (default: no; they sign in through single sign-on)',
  })
  @IsOptional()
  @IsBoolean()
  invite?: boolean;
}
