import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGENT_TOUCHPOINT_TYPES, AgentTouchpointType, CONTACT_LIMITS, CONTACT_SOURCES, ContactNoteRequest, ContactPhoneInput, ContactSource,
  CreateContactRequest, DATE_PATTERN, FAMILY_RELATIONS, FamilyMember, FamilyRelation, Gender, GENDERS, GRID_CELLS, GridCellCode,
  LogActionRequest, MAINLAND_MOBILE_PATTERN, MergeContactRequest, PAGE_SIZE_MAX, PHONE_BASES, PhoneBasis, REFERRAL_CLASSES, ReferralClass, RevealPhoneRequest,
  TAG_CODE_PATTERN, UpdateContactRequest, WECHAT_ID_PATTERN,
} from '@kejing/shared';
import { PAGE_NUMBER_MAX } from '../../http/query';
import { Optional } from '../../middleware/validate';

// A name or tag the agent types: some visible text, no control characters.
const TYPED_TEXT = /^(?=.*\S)[^\u0000-\u001f\u007f]*$/;
const typed = { message: '请填写文字，不能含不可见字符' };

/** Query string of GET /api/contacts (strings from the URL, converted explicitly). */
export class ListContactsQuery {
  /** Name, remark, real name, the agent's tag, or a phone's last 4 (or all 11) digits. */
  @Optional() @IsString() @Length(1, CONTACT_LIMITS.searchMax) @Matches(TYPED_TEXT, typed) q?: string;
  @Optional() @IsIn(GRID_CELLS) cell?: GridCellCode;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(8) stage?: number;
  @Optional() @IsIn(REFERRAL_CLASSES) referral?: ReferralClass;
  @Optional() @IsIn(CONTACT_SOURCES) source?: ContactSource;
  /** Touched (read, opened, logged …) within the last N days. */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(CONTACT_LIMITS.lastTouchDaysMax) lastTouchWithinDays?: number;
  /** Not touched for N days or more, or never: who went quiet. */
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(CONTACT_LIMITS.lastTouchDaysMax) silentForDays?: number;
  @Optional() @IsString() @Matches(TAG_CODE_PATTERN) tag?: string;
  /** One of the agent's own tags, exactly. */
  @Optional() @IsString() @Length(1, CONTACT_LIMITS.agentTagMax) @Matches(TYPED_TEXT, typed) agentTag?: string;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_NUMBER_MAX) page?: number;
  @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(PAGE_SIZE_MAX) pageSize?: number;
}

export class LogActionDto implements LogActionRequest {
  @IsUUID() clientEventId!: string;
  @IsIn(AGENT_TOUCHPOINT_TYPES) type!: AgentTouchpointType;
  @Optional() @IsString() @Length(0, 1000) note?: string;
  @Optional() @IsISO8601({ strict: true }) occurredAt?: string;
}

export class FamilyMemberDto implements FamilyMember {
  @IsString() @Length(1, CONTACT_LIMITS.nameMax) @Matches(TYPED_TEXT, typed) name!: string;
  @IsIn(FAMILY_RELATIONS) relation!: FamilyRelation;
  @IsOptional() @IsString() @Matches(DATE_PATTERN, { message: '生日应为日期，例如 1985-06-01' }) birthday!: string | null;
  @IsOptional() @IsIn(GENDERS) gender!: Gender | null;
}

/** A held phone by id, or a new one by number: exactly one of the two. */
export class ContactPhoneDto implements ContactPhoneInput {
  @ValidateIf((o: ContactPhoneDto) => o.phone === undefined) @IsUUID() phoneId?: string;
  @ValidateIf((o: ContactPhoneDto) => o.phoneId === undefined || o.phone !== undefined)
  @IsString() @Matches(MAINLAND_MOBILE_PATTERN, { message: '请填写 11 位中国大陆手机号' }) phone?: string;
  @IsIn(PHONE_BASES) basis!: PhoneBasis;
}

export class NewContactPhoneDto {
  @IsString() @Matches(MAINLAND_MOBILE_PATTERN, { message: '请填写 11 位中国大陆手机号' }) phone!: string;
  @IsIn(PHONE_BASES) basis!: PhoneBasis;
}

// The fields PUT and POST share. `null` clears a text field (IsOptional lets null through to the
// service); lists, flags and counts are Optional(): left out is fine, null is refused (they clear to [], false or 0).
class ContactFieldsDto {
  @IsOptional() @IsString() @Length(1, CONTACT_LIMITS.nameMax) @Matches(TYPED_TEXT, typed) realName?: string | null;
  @IsOptional() @IsIn(GENDERS) gender?: Gender | null;
  @IsOptional() @IsString() @Matches(DATE_PATTERN, { message: '生日应为日期，例如 1985-06-01' }) birthday?: string | null;
  @IsOptional() @IsString() @Matches(WECHAT_ID_PATTERN, { message: '微信号应为 6–20 位字母、数字、_ 或 -，以字母开头' }) wechatId?: string | null;
  @IsOptional() @IsString() @Length(1, CONTACT_LIMITS.relationshipMax) @Matches(TYPED_TEXT, typed) relationship?: string | null;
  @Optional() @IsArray() @ArrayMaxSize(CONTACT_LIMITS.familyMembersMax) @ValidateNested({ each: true }) @Type(() => FamilyMemberDto) familyMembers?: FamilyMemberDto[];
  @Optional() @IsArray() @ArrayMaxSize(CONTACT_LIMITS.agentTagsMax) @IsString({ each: true }) @Length(1, CONTACT_LIMITS.agentTagMax, { each: true })
  @Matches(TYPED_TEXT, { each: true, ...typed }) agentTags?: string[];
  @Optional() @IsBoolean() wechatFriend?: boolean;
  @Optional() @IsInt() @Min(0) @Max(CONTACT_LIMITS.policiesHeldMax) policiesHeld?: number;
}

/** PUT /api/contacts/:contactId: a partial update of what the agent may set, nothing else (unknown fields are refused). */
export class UpdateContactDto extends ContactFieldsDto implements UpdateContactRequest {
  @IsOptional() @IsString() @Length(1, CONTACT_LIMITS.nameMax) @Matches(TYPED_TEXT, typed) remarkName?: string | null;
  @Optional() @IsArray() @ArrayMaxSize(CONTACT_LIMITS.phonesMax) @ValidateNested({ each: true }) @Type(() => ContactPhoneDto) phones?: ContactPhoneDto[];
}

/** POST /api/contacts: a person the agent adds by hand. */
export class CreateContactDto extends ContactFieldsDto implements CreateContactRequest {
  @IsDefined() @IsString() @Length(1, CONTACT_LIMITS.nameMax) @Matches(TYPED_TEXT, typed) remarkName!: string;
  @Optional() @IsArray() @ArrayMaxSize(CONTACT_LIMITS.phonesMax) @ValidateNested({ each: true }) @Type(() => NewContactPhoneDto) phones?: NewContactPhoneDto[];
}

export class ContactNoteDto implements ContactNoteRequest {
  @IsString() @Length(1, CONTACT_LIMITS.noteMax) @Matches(/\S/, { message: '请写下记录内容' }) body!: string;
}

export class RevealPhoneDto implements RevealPhoneRequest {
  @Optional() @IsUUID() phoneId?: string;
}

export class MergeContactDto implements MergeContactRequest {
  @IsUUID() fromContactId!: string;
}
