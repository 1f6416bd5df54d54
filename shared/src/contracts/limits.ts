/** Limits defined once, enforced by the server and respected by the mini program's queue. */
export const EVENT_BATCH_MAX_EVENTS = 100;
export const EVENT_BATCH_MAX_BYTES = 500 * 1024;
export const EVENT_MAX_BYTES = 32 * 1024;
/**
 * The longest an event is believed to have waited on the device before its batch was sent. The
 * server dates an event by the device's interval (sent − created) back from its own arrival time;
 * an interval longer than this (or negative) says the device clock jumped in between (a phone
 * that booted on a dead battery at 1970 and synced later, a hand-set clock) or that the client
 * lies, and the event is dated at its arrival instead. A week covers a reader who read offline
 * and came back days later; scoring and the follow-up list work by the day and decay by the week,
 * so a misdated event older than that would not change them anyway.
 */
export const EVENT_MAX_DEVICE_DELAY_MS = 7 * 24 * 60 * 60 * 1000;
/** The longest name (称呼) the lead form takes: the mini program checks it as you type, the server on arrival. */
export const LEAD_NAME_MAX = 32;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_DEFAULT = 20;
/** Mainland China mobile number: 11 digits starting 1[3-9]. */
export const MAINLAND_MOBILE_PATTERN = /^1[3-9]\d{9}$/;
