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

/** HS256 JWTs with a fixed algorithm, issuer, audience and expiry. */
export class SessionTokens {
  constructor(private readonly options: SessionTokenOptions) {}

  issue(claims: SessionClaims, nowMs: number): { token: string; expiresAtMs: number } {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.options.ttlSeconds;
    const token = jwt.sign({ iat, exp }, this.options.secret, {
      algorithm: 'HS256',
      subject: claims.userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
    });
    return { token, expiresAtMs: exp * 1000 };
  }

  verify(token: string, nowMs: number): SessionClaims {
    try {
      const payload = jwt.verify(token, this.options.secret, {
        algorithms: ['HS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(nowMs / 1000),
      });
      if (typeof payload === 'string' || typeof payload.sub !== 'string') throw new Error('no subject');
      return { userId: payload.sub };
    } catch {
      throw unauthorized('the session is invalid or expired; log in again');
    }
  }
}
