import { IsIn, IsString, Length, Matches } from 'class-validator';
import type { ConsentKind, GiveConsentRequest } from '@kejing/shared';

export class GiveConsentDto implements GiveConsentRequest {
  @IsString() @Length(1, 200) shareId!: string;
  @IsIn(['contact_details', 'health']) kind!: ConsentKind;
  @IsString() @Length(1, 64) @Matches(/^[^\u0000-\u001f]*$/, { message: '文本版本不能含不可见字符' }) textVersion!: string;
  @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001f]*$/, { message: '用途不能含不可见字符' }) purpose!: string;
}
