import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_ROLL_GRACE_SECONDS = 7 * 24 * 60 * 60;

export class RollAPIKeyRequest {
  @ApiPropertyOptional({
    title: 'Expires In Seconds',
    description:
      'How long the old key keeps working: 0 (the default) revokes it at once; otherwise it expires this many ' +
      'seconds from now (its `expires_at`; an earlier expiry it already had is kept). At most 7 days.',
    type: Number,
    minimum: 0,
    maximum: MAX_ROLL_GRACE_SECONDS,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ROLL_GRACE_SECONDS)
  expires_in_seconds?: number | null;
}
