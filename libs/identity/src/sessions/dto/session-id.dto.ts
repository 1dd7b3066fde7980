import { IsUUID } from 'class-validator';

/** A session id as given in a path or form; anything else names no session of the caller's. */
export class SessionIdDto {
  @IsUUID('all') id: string;
}
