/**
 * Cross-module entity reads that predate the fence (issue 12 items 2–3 move them behind each
 * owner's named queries). The list may only shrink: a new entry needs a reason in review.
 */
export const KNOWN_CROSS_MODULE_ENTITY_IMPORTS = [
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/contacts/contact.entity',
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/events/touchpoint-event.entity',
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/leads/consent.entity',
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/leads/lead.entity',
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/staff/staff-member.entity',
  'server/src/modules/privacy/privacy.presenter.ts -> server/src/modules/tasks/follow-up-task.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/contacts/contact.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/events/touchpoint-event.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/leads/consent.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/leads/lead.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/shares/share.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/staff/staff-member.entity',
  'server/src/modules/privacy/privacy.service.ts -> server/src/modules/tasks/follow-up-task.entity',
];
