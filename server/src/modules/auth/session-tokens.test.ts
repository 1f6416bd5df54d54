import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { SessionTokens } from './session-tokens';

const options = { secret: randomBytes(32).toString('base64'), ttlSeconds: 3600, issuer: 'kejing', audience: 'kejing-test' };
const NOW = Date.UTC(2026, 10, 2, 1, 0, 0);

describe('SessionTokens', () => {
  it('verifies what it issued, again and again (the second time from memory)', () => {
    const tokens = new SessionTokens(options);
    const { token, expiresAtMs } = tokens.issue({ userId: 'u-1', epoch: 0 }, NOW);
    expect(expiresAtMs).toBe(NOW + 3600_000);
    expect(tokens.verify(token, NOW)).toEqual({ userId: 'u-1', epoch: 0 });
    expect(tokens.verify(token, NOW + 1000)).toEqual({ userId: 'u-1', epoch: 0 });
  });

  it('refuses a remembered token once it has expired', () => {
    const tokens = new SessionTokens(options);
    const { token, expiresAtMs } = tokens.issue({ userId: 'u-1', epoch: 0 }, NOW);
    expect(tokens.verify(token, expiresAtMs - 1001)).toEqual({ userId: 'u-1', epoch: 0 });
    expect(() => tokens.verify(token, expiresAtMs)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => tokens.verify(token, expiresAtMs - 1001 + 30_000)).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('re-verifies when the clock goes back before the remembered check', () => {
    const tokens = new SessionTokens(options);
    const issuedAt = NOW;
    const { token } = tokens.issue({ userId: 'u-1', epoch: 0 }, issuedAt);
    expect(tokens.verify(token, issuedAt + 5000)).toEqual({ userId: 'u-1', epoch: 0 });
    expect(tokens.verify(token, issuedAt)).toEqual({ userId: 'u-1', epoch: 0 });
  });

  it('refuses a tampered token, another secret, another audience and another algorithm, remembered or not', () => {
    const tokens = new SessionTokens(options);
    const { token } = tokens.issue({ userId: 'u-1', epoch: 0 }, NOW);
    tokens.verify(token, NOW); // now remembered
    const [head, body, sig] = token.split('.') as [string, string, string];
    const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), sub: 'u-2' })).toString('base64url');
    const forged = [
      `${head}.${otherBody}.${sig}`,
      `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`,
      new SessionTokens({ ...options, secret: randomBytes(32).toString('base64') }).issue({ userId: 'u-1', epoch: 0 }, NOW).token,
      new SessionTokens({ ...options, audience: 'kejing-prod' }).issue({ userId: 'u-1', epoch: 0 }, NOW).token,
      jwt.sign({ sub: 'u-1', iss: 'kejing', aud: 'kejing-test', exp: Math.floor(NOW / 1000) + 60 }, options.secret, { algorithm: 'HS512' }),
      jwt.sign({ sub: 'u-1', iss: 'kejing', aud: 'kejing-test', exp: Math.floor(NOW / 1000) + 60 }, '', { algorithm: 'none' } as never),
    ];
    for (const bad of forged) expect(() => tokens.verify(bad, NOW)).toThrow(expect.objectContaining({ status: 401 }));
  });
});
