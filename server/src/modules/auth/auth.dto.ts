import { IsString, Length, Matches } from 'class-validator';
import type { BindRequest, LoginRequest } from '@kejing/shared';

export class LoginDto implements LoginRequest {
  @IsString() @Length(1, 128) code!: string;
}

export class BindDto implements BindRequest {
  @IsString() @Matches(/^[A-Z2-9]{8}$/, { message: 'inviteCode must be the 8-character code from your invitation' })
  inviteCode!: string;
}
