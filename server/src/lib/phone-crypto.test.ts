import { randomBytes } from 'node:crypto';
import { maskPhone, PhoneCrypto } from './phone-crypto';

const crypto = new PhoneCrypto(randomBytes(32), randomBytes(32));

describe('phone numbers at rest', () => {
  it('are sealed so the stored text does not contain the number, and open again with the key', () => {
    const sealed = crypto.encrypt('13812341234');
    expect(sealed).not.toContain('13812341234');
    expect(sealed).not.toContain('1234');
    expect(crypto.decrypt(sealed)).toBe('13812341234');
  });
  it('seal the same number differently each time but hash it the same', () => {
    expect(crypto.encrypt('13812341234')).not.toBe(crypto.encrypt('13812341234'));
    expect(crypto.hash('13812341234')).toBe(crypto.hash('13812341234'));
  });
  it('refuse a tampered ciphertext', () => {
    const sealed = crypto.encrypt('13812341234');
    const parts = sealed.split('.');
    parts[2] = Buffer.from('13999999999').toString('base64url');
    expect(() => crypto.decrypt(parts.join('.'))).toThrow();
  });
  it('are shown masked', () => {
    expect(maskPhone('138', '1234')).toBe('138****1234');
  });
});
