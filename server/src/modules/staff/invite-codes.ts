import { createHash, randomInt } from 'node:crypto';

// No 0/O/1/I: the code is read off a screen and typed on a phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newInviteCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** Only the hash is stored, so a database leak does not leak usable invitations. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
