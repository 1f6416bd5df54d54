import type { DataSource } from 'typeorm';
import type { AgentReachView, ReaderReachView, UpdateReachRequest } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { SharesService } from '../shares/shares.service';
import type { StaffService } from '../staff/staff.service';
import { uploadUrl, type UploadsService } from '../uploads/uploads.service';
import { AgentReach } from './agent-reach.entity';

const qrUrl = (reach: AgentReach | null) => (reach?.wechatQrUploadId ? uploadUrl(reach.wechatQrUploadId) : null);

/** How customers reach the agent: the phone the agent chose to show, and a WeChat or 企业微信 QR code. */
export class CardReachService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    private readonly shares: SharesService,
    private readonly staff: StaffService,
  ) {}

  private find(agentId: string): Promise<AgentReach | null> {
    return this.dataSource.getRepository(AgentReach).findOneBy({ agentId });
  }

  async ofAgent(agentId: string): Promise<AgentReachView> {
    const reach = await this.find(agentId);
    return { phone: reach?.phone ?? null, phonePublic: reach?.phonePublic ?? false, wechatQrUrl: qrUrl(reach), wechatQrKind: reach?.wechatQrKind ?? null };
  }

  async update(actor: StaffActor, update: UpdateReachRequest): Promise<AgentReachView> {
    if (update.wechatQrUploadId && !(await this.uploads.exists(update.wechatQrUploadId))) {
      throw badRequest([{ field: 'wechatQrUploadId', reason: '二维码图片不存在，请重新上传' }]);
    }
    const current = await this.find(actor.staffId);
    const next: AgentReach = {
      agentId: actor.staffId,
      phone: update.phone !== undefined ? update.phone : current?.phone ?? null,
      phonePublic: update.phonePublic ?? current?.phonePublic ?? false,
      wechatQrUploadId: update.wechatQrUploadId !== undefined ? update.wechatQrUploadId : current?.wechatQrUploadId ?? null,
      wechatQrKind: update.wechatQrUploadId === null ? null : update.wechatQrKind ?? current?.wechatQrKind ?? (update.wechatQrUploadId ? 'wechat' : null),
      updatedAtMs: this.clock.nowMs(),
    };
    if (next.phonePublic && !next.phone) throw badRequest([{ field: 'phonePublic', reason: '请先填写手机号，再选择向客户展示' }]);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(AgentReach).save(next);
      await this.audit.record({
        actorId: actor.staffId, action: 'card.reach_updated', subjectType: 'staff_member', subjectId: actor.staffId, detail: { fields: Object.keys(update).join(',') },
      }, manager);
    });
    return this.ofAgent(actor.staffId);
  }

  /** The 咨询顾问 panel under a share: the agent's name and photo, the phone only if shown, the QR code. */
  async forReader(shareToken: string): Promise<ReaderReachView> {
    const { share } = await this.shares.load(shareToken);
    const [card, reach] = await Promise.all([this.staff.card(share.agentId), this.find(share.agentId)]);
    return {
      agentName: card.name, photoUrl: card.photoUrl,
      phone: reach?.phonePublic ? reach.phone : null, wechatQrUrl: qrUrl(reach), wechatQrKind: reach?.wechatQrKind ?? null,
    };
  }
}
