import type { StaffActor } from '../../permissions/actor';
import type { WeChatClient, WxaCodeImage } from '../../wechat/wechat-client';
import { READER_PAGE } from '@kejing/shared';
import { shareScene, type SharesService } from './shares.service';

/**
 * The mini program code (小程序码) printed on a share's poster: scanned in WeChat, it opens the
 * reader with the share's scene, which GET /api/shares/scenes/:scene turns back into the signed
 * share id. Made by WeChat on request (getwxacodeunlimit has no total quota); posters are made
 * rarely, so nothing is cached here beyond the client's access token.
 */
export class PosterCodes {
  constructor(private readonly shares: SharesService, private readonly wechat: WeChatClient) {}

  async forShare(actor: StaffActor, token: string): Promise<WxaCodeImage> {
    const share = await this.shares.ownShare(actor, token);
    // WeChat wants the page without its leading slash.
    return this.wechat.unlimitedWxaCode({ scene: shareScene(share), page: READER_PAGE.replace(/^\//, '') });
  }
}
