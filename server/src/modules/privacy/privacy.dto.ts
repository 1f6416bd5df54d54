import { IsIn, IsString, Length, Matches } from 'class-validator';
import type { ConsentKind, GiveConsentRequest } from '@kejing/shared';

export class GiveConsentDto implements GiveConsentRequest {
  @IsString() @Length(1, 200) shareId!: string;
  @IsIn(['contact_details', 'health']) kind!: ConsentKind;
  @IsString() @Length(1, 64) @Matches(/^[^\u0000-\u001f]*$/, { message: 'textVersion must not contain control characters' }) textVersion!: string;
  @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001f]*$/, { message: 'purpose must not contain control characters' }) purpose!: string;
}
