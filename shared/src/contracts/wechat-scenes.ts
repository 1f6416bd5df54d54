import type { ShareChannel } from './domain';

/**
 * WeChat's scene values (场景值) that say where a shared card was opened. WeChat does not tell the
 * sharer whether a card went to a friend or a group; the reader's entry scene does:
 * 1007 a card in a one-to-one chat, 1008 a card in a group chat, 1044 a group card with a shareTicket
 * (the sharer called showShareMenu({ withShareTicket: true })), 1154 Moments in single-page mode,
 * 1155 the full mini program entered from that single page, 1047/1048/1049 a scanned mini program code.
 */
export const SCENE_SINGLE_CHAT = 1007;
export const SCENE_GROUP_CHAT = 1008;
export const SCENE_GROUP_SHARE_TICKET = 1044;
export const SCENE_MOMENTS_SINGLE_PAGE = 1154;
export const SCENE_FROM_SINGLE_PAGE = 1155;
const SCANNED_CODE_SCENES = [1047, 1048, 1049];

/** The channel a reader arrived through, by the entry scene; null for scenes that do not say. */
export function arrivalChannel(scene: number | null | undefined): ShareChannel | null {
  if (scene === SCENE_SINGLE_CHAT) return 'friend';
  if (scene === SCENE_GROUP_CHAT || scene === SCENE_GROUP_SHARE_TICKET) return 'group';
  if (scene === SCENE_MOMENTS_SINGLE_PAGE || scene === SCENE_FROM_SINGLE_PAGE) return 'moments';
  if (typeof scene === 'number' && SCANNED_CODE_SCENES.includes(scene)) return 'poster';
  return null;
}

/** 好友 / 群聊 / 朋友圈 / 海报: the channel's name where shares are listed. */
export const SHARE_CHANNEL_NAMES: Record<ShareChannel, string> = { friend: '好友', group: '群聊', moments: '朋友圈', poster: '海报' };
