import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Phone numbers at rest: AES-256-GCM for the number, a keyed hash to find it, and a mask to show. */
export class PhoneCrypto {
  constructor(private readonly encryptionKey: Buffer, private readonly hashKey: Buffer) {
    if (encryptionKey.length !== 32) throw new Error('phone encryption key must be 32 bytes');
  }

  encrypt(phone: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, body, tag] = sealed.split('.');
    if (version !== 'v1' || !iv || !body || !tag) throw new Error('not a sealed phone number');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic, so the same number always finds the same rows; useless without the key. */
  hash(phone: string): string {
    return createHmac('sha256', this.hashKey).update(phone).digest('hex');
  }

  /**
   * The last four digits, keyed and kept apart from whole-number hashes by a prefix: search by
   * "尾号" without storing digits in the clear. Four digits are only 10,000 values, so this
   * protects them only while the key is kept out of the database, as the other hashes are.
   */
  hashLast4(phone: string): string {
    return this.hash(`last4:${phone.slice(-4)}`);
  }
}

/** 13812341234 → 138****1234: what agents see unless they reveal (which is audited). */
export function maskPhone(prefix3: string, last4: string): string {
  return `${prefix3}****${last4}`;
}

/** The same mask from a whole number just decrypted (entered phones keep no digits in the clear). */
export function maskWholePhone(phone: string): string {
  return maskPhone(phone.slice(0, 3), phone.slice(-4));
}
