import {
  ArrayMaxSize, Equals, IsArray, IsInt, IsString, IsUUID, Length, Matches, Max, Min, IsBoolean, IsDefined, ValidateIf,
} from 'class-validator';
import { ConsentInput, LEAD_NAME_MAX, MAINLAND_MOBILE_PATTERN, SubmitLeadRequest } from '@kejing/shared';
import { Optional, Nested } from '../../middleware/validate';

export class ConsentDto implements ConsentInput {
  @IsBoolean() @Equals(true, { message: 'consent must be given to leave your details' }) given!: boolean;
  @IsString() @Length(1, 64) textVersion!: string;
  @IsString() @Length(1, 200) purpose!: string;
}

export class SubmitLeadDto implements SubmitLeadRequest {
  @IsUUID() clientEventId!: string;
  @IsString() @Length(1, 200) shareId!: string;
  @IsString() @Length(1, LEAD_NAME_MAX) @Matches(/^[^\u0000-\u001f]*$/, { message: 'name must not contain control characters' }) name!: string;
  /** Required unless phoneCode is given; giving both is refused by the service (one phone per lead). */
  @ValidateIf((o: SubmitLeadDto) => o.phoneCode === undefined)
  @IsString() @Matches(MAINLAND_MOBILE_PATTERN, { message: 'phone must be an 11-digit mainland mobile number' }) phone?: string;
  @Optional() @IsString() @Matches(/^[\w-]{1,128}$/, { message: 'phoneCode must be the code getPhoneNumber gave' }) phoneCode?: string;
  @Optional() @IsInt() @Min(0) @Max(100_000_000_00) budgetFen?: number;
  @Optional() @IsString() @Length(1, 100) insuredPerson?: string;
  @Optional() @IsArray() @ArrayMaxSize(16) @IsString({ each: true }) @Length(1, 40, { each: true }) needs?: string[];
  @IsDefined() @Nested(() => ConsentDto) consent!: ConsentDto;
  @Optional() @Nested(() => ConsentDto) healthConsent?: ConsentDto;
}
