import {
  ArrayMaxSize, Equals, IsArray, IsInt, IsString, IsUUID, Length, Matches, Max, Min, IsBoolean, IsDefined, ValidateIf,
} from 'class-validator';
import { ConsentInput, LEAD_NAME_MAX, MAINLAND_MOBILE_PATTERN, SubmitLeadRequest } from '@kejing/shared';
import { Optional, Nested } from '../../middleware/validate';

export class ConsentDto implements ConsentInput {
  @IsBoolean() @Equals(true, { message: '请先勾选同意，才能留下您的联系方式' }) given!: boolean;
  @IsString() @Length(1, 64) textVersion!: string;
  @IsString() @Length(1, 200) purpose!: string;
}

export class SubmitLeadDto implements SubmitLeadRequest {
  @IsUUID() clientEventId!: string;
  @IsString() @Length(1, 200) shareId!: string;
  @IsString() @Length(1, LEAD_NAME_MAX) @Matches(/^[^\u0000-\u001f]*$/, { message: '称呼不能含不可见字符' }) name!: string;
  /** Required unless phoneCode is given; giving both is refused by the service (one phone per lead). */
  @ValidateIf((o: SubmitLeadDto) => o.phoneCode === undefined)
  @IsString() @Matches(MAINLAND_MOBILE_PATTERN, { message: '请填写 11 位中国大陆手机号' }) phone?: string;
  @Optional() @IsString() @Matches(/^[\w-]{1,128}$/, { message: '微信手机号授权无效，请重新点击“使用微信手机号”' }) phoneCode?: string;
  @Optional() @IsInt() @Min(0) @Max(100_000_000_00) budgetFen?: number;
  @Optional() @IsString() @Length(1, 100) insuredPerson?: string;
  @Optional() @IsArray() @ArrayMaxSize(16) @IsString({ each: true }) @Length(1, 40, { each: true }) needs?: string[];
  @IsDefined() @Nested(() => ConsentDto) consent!: ConsentDto;
  @Optional() @Nested(() => ConsentDto) healthConsent?: ConsentDto;
}
