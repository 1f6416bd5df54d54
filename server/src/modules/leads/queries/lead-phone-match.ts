/**
 * Conditions another module's contact search may add, by name: "a lead of this contact has this
 * phone". `contactAlias` is the alias of the contact table in the caller's query, `param` the name
 * of the bound parameter holding the last four digits or the phone's keyed hash.
 */
export const leadPhoneLast4Matches = (contactAlias: string, param: string) =>
  `EXISTS (SELECT 1 FROM lead ql WHERE ql.contact_id = ${contactAlias}.id AND ql.phone_last4 = :${param})`;

export const leadPhoneHashMatches = (contactAlias: string, param: string) =>
  `EXISTS (SELECT 1 FROM lead ql WHERE ql.contact_id = ${contactAlias}.id AND ql.phone_hash = :${param})`;
