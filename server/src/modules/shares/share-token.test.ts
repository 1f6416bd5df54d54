import { randomUUID } from 'node:crypto';
import { ShareTokenSigner } from './share-token';

const signer = new ShareTokenSigner('test-share-secret-0123456789abcdef');
const payload = {
  shareId: randomUUID(),
  agentId: randomUUID(),
  contentVersionId: randomUUID(),
  channel: 'moments' as const,
  parentShareId: randomUUID(),
};

describe('share ids', () => {
  it('carry agent, version, channel and parent through a round trip', () => {
    expect(signer.verify(signer.sign(payload))).toEqual(payload);
    expect(signer.verify(signer.sign({ ...payload, parentShareId: null }))).toEqual({ ...payload, parentShareId: null });
  });

  it('are short enough for a mini-program path', () => {
    expect(signer.sign(payload).length).toBeLessThanOrEqual(130);
  });

  it.each([
    ['another agent spliced in', (t: string) => t.split('.').map((p, i) => (i === 2 ? signer.sign({ ...payload, agentId: randomUUID() }).split('.')[2] : p)).join('.')],
    ['the channel changed', (t: string) => t.split('.').map((p, i) => (i === 4 ? '0' : p)).join('.')],
    ['the parent dropped', (t: string) => t.split('.').map((p, i) => (i === 5 ? '-' : p)).join('.')],
    // The first MAC character carries six full bits (the last carries padding bits that decode away).
    ['one character of the MAC flipped', (t: string) => { const cut = t.lastIndexOf('.') + 1; return t.slice(0, cut) + (t[cut] === 'A' ? 'B' : 'A') + t.slice(cut + 1); }],
    ['signed with another key', () => new ShareTokenSigner('another-secret-0123456789abcdefgh').sign(payload)],
    ['garbage', () => 'not-a-share-id'],
    ['empty', () => ''],
  ])('are refused when %s', (_name, tamper) => {
    expect(signer.verify(tamper(signer.sign(payload)))).toBeNull();
  });
});
