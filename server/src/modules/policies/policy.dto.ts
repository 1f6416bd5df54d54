import {
  IsDefined, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min,
} from 'class-validator';
import {
  CreatePolicyRequest, DATE_PATTERN, FIELD_LABELS_ZH, INSURED_RELATIONS, InsuredRelation, NEED_CODES, NeedCode, PAYMENT_FREQUENCIES, PaymentFrequency,
  POLICY_LIMITS, POLICY_NUMBER_PATTERN, POLICY_STATUSES, PolicyStatus, UpdatePolicyRequest,
} from '@kejing/shared';
import { Optional } from '../../middleware/validate';

const TYPED_TEXT = /^(?=.*\S)[^\u0000-\u001f\u007f]*$/;
const typed = { message: '请填写文字，不能含不可见字符' };
const date = (field: string) => ({ message: `${FIELD_LABELS_ZH[field] ?? '日期'}应为日期，例如 2026-05-01` });
const numberMessage = { message: `保单号应为 ${POLICY_LIMITS.policyNumberMin}–${POLICY_LIMITS.policyNumberMax} 位字母或数字` };

/** PUT /api/policies/:policyId: any of the fields; the number is replaced only when given. */
export class UpdatePolicyDto implements UpdatePolicyRequest {
  @Optional() @IsString() @Length(1, POLICY_LIMITS.productNameMax) @Matches(TYPED_TEXT, typed) productName?: string;
  @Optional() @IsIn(NEED_CODES) need?: NeedCode;
  @Optional() @IsString() @Length(1, POLICY_LIMITS.insurerMax) @Matches(TYPED_TEXT, typed) insurer?: string;
  @Optional() @IsString() @Length(POLICY_LIMITS.policyNumberMin, POLICY_LIMITS.policyNumberMax) @Matches(POLICY_NUMBER_PATTERN, numberMessage) policyNumber?: string;
  @Optional() @IsIn(INSURED_RELATIONS) insuredRelation?: InsuredRelation;
  @Optional() @IsString() @Length(1, POLICY_LIMITS.insuredNameMax) @Matches(TYPED_TEXT, typed) insuredName?: string;
  @Optional() @IsInt() @Min(1) @Max(POLICY_LIMITS.annualPremiumFenMax) annualPremiumFen?: number;
  @Optional() @IsIn(PAYMENT_FREQUENCIES) paymentFrequency?: PaymentFrequency;
  @Optional() @IsInt() @Min(1) @Max(POLICY_LIMITS.paymentTermYearsMax) paymentTermYears?: number;
  @Optional() @IsString() @Matches(DATE_PATTERN, date('effectiveDate')) effectiveDate?: string;
  /** null: derive it again from the effective date, frequency and term. */
  @IsOptional() @IsString() @Matches(DATE_PATTERN, date('nextPremiumDate')) nextPremiumDate?: string | null;
  @Optional() @IsString() @Matches(DATE_PATTERN, date('signedDate')) signedDate?: string;
  @Optional() @IsIn(POLICY_STATUSES) status?: PolicyStatus;
}

/** POST /api/contacts/:contactId/policies. */
export class CreatePolicyDto implements CreatePolicyRequest {
  @IsUUID() clientEventId!: string;
  @IsDefined() @IsString() @Length(1, POLICY_LIMITS.productNameMax) @Matches(TYPED_TEXT, typed) productName!: string;
  @IsDefined() @IsIn(NEED_CODES) need!: NeedCode;
  @IsDefined() @IsString() @Length(1, POLICY_LIMITS.insurerMax) @Matches(TYPED_TEXT, typed) insurer!: string;
  @IsDefined() @IsString() @Length(POLICY_LIMITS.policyNumberMin, POLICY_LIMITS.policyNumberMax) @Matches(POLICY_NUMBER_PATTERN, numberMessage) policyNumber!: string;
  @IsDefined() @IsIn(INSURED_RELATIONS) insuredRelation!: InsuredRelation;
  @Optional() @IsString() @Length(1, POLICY_LIMITS.insuredNameMax) @Matches(TYPED_TEXT, typed) insuredName?: string;
  @IsDefined() @IsInt() @Min(1) @Max(POLICY_LIMITS.annualPremiumFenMax) annualPremiumFen!: number;
  @IsDefined() @IsIn(PAYMENT_FREQUENCIES) paymentFrequency!: PaymentFrequency;
  @IsDefined() @IsInt() @Min(1) @Max(POLICY_LIMITS.paymentTermYearsMax) paymentTermYears!: number;
  @IsDefined() @IsString() @Matches(DATE_PATTERN, date('effectiveDate')) effectiveDate!: string;
  @IsOptional() @IsString() @Matches(DATE_PATTERN, date('nextPremiumDate')) nextPremiumDate?: string | null;
  @Optional() @IsString() @Matches(DATE_PATTERN, date('signedDate')) signedDate?: string;
}

/** GET /api/policies/actuals: the period, both days included (default: this month so far). */
export class PremiumActualsQuery {
  @Optional() @IsString() @Matches(DATE_PATTERN, date('from')) from?: string;
  @Optional() @IsString() @Matches(DATE_PATTERN, date('to')) to?: string;
}
