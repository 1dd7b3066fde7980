import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /scim/v2/Users: filter and 1-based paging (RFC 7644 §3.4.2). Out-of-range numbers are brought in range, as §3.4.2.4 says. */
export class ScimListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  startIndex?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  count?: number;

  // Accepted and not acted on: every attribute is returned, in the server's order.
  @IsOptional() @IsString() @MaxLength(2000) attributes?: string;
  @IsOptional() @IsString() @MaxLength(2000) excludedAttributes?: string;
  @IsOptional() @IsString() @MaxLength(200) sortBy?: string;
  @IsOptional() @IsString() @MaxLength(20) sortOrder?: string;
}
