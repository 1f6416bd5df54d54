import { In } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { MAINLAND_MOBILE_PATTERN } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { WeChatClient } from '../../wechat/wechat-client';
import { User } from './user.entity';
import { VerifiedPhone } from './verified-phone.entity';

/**
 * Phones WeChat vouches for as a user's own (getPhoneNumber → getuserphonenumber). They are the
 * only numbers a user's own privacy request may follow: anyone can type anyone's number.
 */
export class VerifiedPhones {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly wechat: WeChatClient,
    private readonly phoneCrypto: PhoneCrypto,
  ) {}

  /** The number behind the user's getPhoneNumber code (WeChat checks it was issued to them). Leads take mainland mobiles only, as a typed phone must be. */
  async exchange(code: string, userId: string): Promise<string> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    const { purePhoneNumber, countryCode } = await this.wechat.phoneNumber(code, user?.openid);
    if (countryCode !== '86' || !MAINLAND_MOBILE_PATTERN.test(purePhoneNumber)) {
      throw new AppError(422, 'phone_not_mainland', undefined, [
        { field: 'phoneCode', reason: '微信绑定的不是中国大陆手机号，请手动填写手机号' },
      ]);
    }
    return purePhoneNumber;
  }

  /** Remembers a number as verified for the user, in the caller's transaction (once per number). */
  async record(manager: EntityManager, userId: string, phone: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(VerifiedPhone)
      .values({ userId, phoneHash: this.phoneCrypto.hash(phone), phoneCipher: this.phoneCrypto.encrypt(phone), countryCode: '86', verifiedAtMs: this.clock.nowMs() })
      .orIgnore()
      .execute();
  }

  async hashesOf(userId: string): Promise<string[]> {
    return (await this.dataSource.getRepository(VerifiedPhone).find({ select: { phoneHash: true }, where: { userId } })).map((p) => p.phoneHash);
  }

  /** The users' verified numbers in clear, oldest first: for their export. */
  async ofUsers(userIds: string[]): Promise<{ phone: string; verifiedAtMs: number }[]> {
    if (userIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(VerifiedPhone).find({ where: { userId: In(userIds) }, order: { verifiedAtMs: 'ASC' } });
    return rows.map((r) => ({ phone: this.phoneCrypto.decrypt(r.phoneCipher), verifiedAtMs: r.verifiedAtMs }));
  }

  async forget(manager: EntityManager, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0;
    return (await manager.createQueryBuilder().delete().from(VerifiedPhone).where('user_id IN (:...userIds)', { userIds }).execute()).affected ?? 0;
  }
}
