import { IsString, Length, Matches } from 'class-validator';
import type { BindRequest, LoginRequest } from '@kejing/shared';

export class LoginDto implements LoginRequest {
  @IsString() @Length(1, 128) code!: string;
}

export class BindDto implements BindRequest {
  @IsString() @Matches(/^[A-Z2-9]{8}$/, { message: '邀请码是邀请里的 8 位字母和数字，请核对后重新填写' })
  inviteCode!: string;
}
