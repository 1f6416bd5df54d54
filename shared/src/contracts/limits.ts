/** Limits defined once, enforced by the server and respected by the mini program's queue. */
export const EVENT_BATCH_MAX_EVENTS = 100;
export const EVENT_BATCH_MAX_BYTES = 500 * 1024;
export const EVENT_MAX_BYTES = 32 * 1024;
/** Events dated further than this into the future (after skew correction) are refused. */
export const EVENT_MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
/** Mainland China mobile number: 11 digits starting 1[3-9]. */
export const MAINLAND_MOBILE_PATTERN = /^1[3-9]\d{9}$/;
