import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized } from '../../lib/app-error';

export interface SessionClaims {
  userId: string;
  /** The user's session epoch when the token was issued; a token below the user's current epoch is ended (SessionGuard). */
  epoch: number;
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
  private readonly verified = new Map<string, { claims: SessionClaims; expSec: number; untilMs: number }>();

  constructor(private readonly options: SessionTokenOptions) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
  }

  issue(claims: SessionClaims, nowMs: number): { token: string; expiresAtMs: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.options.ttlSeconds;
    const token = jwt.sign({ iat, exp, sep: claims.epoch }, this.key, {
      algorithm: 'HS256',
      subject: claims.userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
    });
    return { token, expiresAtMs: exp * 1000 };
  }

  /**
   * Drops a user's remembered tokens, so that none outlives the end of its sessions here. (The
   * guard compares epochs on every request anyway; this keeps the memory from holding them.)
   */
  forgetUser(userId: string): void {
    for (const [token, known] of this.verified) if (known.claims.userId === userId) this.verified.delete(token);
  }

  /** The claims of a valid token. It says nothing of whether its session was ended since: SessionGuard does. */
  verify(token: string, nowMs: number): SessionClaims {
    const nowSec = Math.floor(nowMs / 1000);
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's rule: expired when now >= exp. A clock moved backwards re-verifies.
      if (nowSec < known.expSec && nowMs < known.untilMs && nowMs >= known.untilMs - VERIFIED_TTL_MS) return known.claims;
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
      // Tokens issued before epochs existed carry none: they belong to epoch 0, every user's first.
      const epoch = payload.sep === undefined ? 0 : payload.sep;
      if (typeof epoch !== 'number' || !Number.isSafeInteger(epoch) || epoch < 0) throw new Error('bad session epoch');
      const claims: SessionClaims = { userId: payload.sub, epoch };
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= VERIFIED_LIMIT) this.verified.delete(this.verified.keys().next().value as string);
        this.verified.set(token, { claims, expSec: payload.exp, untilMs: nowMs + VERIFIED_TTL_MS });
      }
      return claims;
    } catch {
      throw unauthorized('登录已过期，请重新登录');
    }
  }
}
