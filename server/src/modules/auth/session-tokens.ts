import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../../lib/app-error';

export interface SessionClaims {
  userId: string;
}

export interface SessionTokenOptions {
  secret: string;
  ttlSeconds: number;
  issuer: string;
  /** The environment's name: a token minted for another environment is refused. */
  audience: string;
}

/** How long a verified token is remembered, and how many are (expiry is still checked on every use). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_LIMIT = 20_000;

/**
 * HS256 JWTs with a fixed algorithm, issuer, audience and expiry.
 *
 * Every API call verifies one, so two things keep that cheap: the secret is a KeyObject made once
 * (given a string, jsonwebtoken first tries to parse it as a PEM public key and fails, which
 * costs ~0.4 ms per call), and a token that verified is remembered for a minute, keyed by the
 * exact token string, so a session's next calls only compare its expiry with the clock.
 */
export class SessionTokens {
  private readonly key: KeyObject;
  private readonly verified = new Map<string, { userId: string; expSec: number; untilMs: number }>();

  constructor(private readonly options: SessionTokenOptions) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  issue(claims: SessionClaims, nowMs: number): { token: string; expiresAtMs: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.options.ttlSeconds;
    const token = jwt.sign({ iat, exp }, this.key, {
      algorithm: 'HS256',
      subject: claims.userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
    });
    return { token, expiresAtMs: exp * 1000 };
  }

  verify(token: string, nowMs: number): SessionClaims {
    const nowSec = Math.floor(nowMs / 1000);
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's rule: expired when now >= exp. A clock moved backwards re-verifies.
      if (nowSec < known.expSec && nowMs < known.untilMs && nowMs >= known.untilMs - VERIFIED_TTL_MS) return { userId: known.userId };
      this.verified.delete(token);
    }
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: nowSec,
      });
      if (typeof payload === 'string' || typeof payload.sub !== 'string') throw new Error('no subject');
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
        this.verified.set(token, { userId: payload.sub, expSec: payload.exp, untilMs: nowMs + VERIFIED_TTL_MS });
      }
      return { userId: payload.sub };
    } catch {
      throw unauthorized('the session is invalid or expired; log in again');
    }
  }
}
