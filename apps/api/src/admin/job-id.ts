import { NotFoundException } from '@nestjs/common';

/** BullMQ job ids here are outbox uuids or scheduler ids (letters, digits, ':', '-', '_', '.'); anything else names no job. */
export function jobIdParam(value: string): string {
  if (!/^[A-Za-z0-9:._-]{1,200}$/.test(value)) throw new NotFoundException('No job has this id.');
  return value;
}
