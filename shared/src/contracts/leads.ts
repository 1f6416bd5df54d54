/** The wire format of leads: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
export interface ConsentInput {
  /** Must be true: a lead without consent is refused and nothing is stored. */
  given: boolean;
  textVersion: string;
  purpose: string;
}
/** POST /api/leads — the lead form (留资). */
export interface SubmitLeadRequest {
  clientEventId: string;
  shareId: string;
  name: string;
  /** A typed mainland mobile number. Give this or phoneCode, not both. */
  phone?: string;
  /**
   * The code the mini program's getPhoneNumber button gives (e.detail.code): the server asks
   * WeChat for the number, so the lead's phone is verified as the sender's own.
   */
  phoneCode?: string;
  budgetFen?: number;
  insuredPerson?: string;
  needs?: string[];
  consent: ConsentInput;
  /** Required when needs include a HEALTH_NEEDS code: health data is sensitive (PIPL art. 28–29) and needs its own consent. */
  healthConsent?: ConsentInput;
}
/** Needs that reveal health, so a lead naming them needs a separate health consent. */
export const HEALTH_NEEDS: readonly string[] = ['medical', 'critical_illness'];
/** Where a lead's phone came from: WeChat's phone-number flow (verified as the sender's) or typed by hand. */
export type PhoneSource = 'wechat' | 'typed';
export interface LeadView {
  leadId: string;
  contactId: string;
  name: string;
  /** Masked (138****1234) unless revealed through the audited endpoint. */
  phone: string;
  phoneSource: PhoneSource;
  budgetFen: number | null;
  insuredPerson: string | null;
  needs: string[];
  createdAt: string;
}
