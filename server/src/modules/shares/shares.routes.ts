import { route, RouteDef } from '../../http/route';
import { SHARERS, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';
import { CreateShareDto, ForwardShareDto, GlanceShareDto, OpenShareDto } from './share.dto';

export function sharesRoutes(s: Pick<Services, 'posterCodes' | 'shares'>): RouteDef[] {
  const tag = 'shares';
  return [
    route({
      method: 'post', path: '/api/shares', access: SHARERS, summary: 'Share an approved version: returns the signed share id and the mini-program path', tag,
      body: CreateShareDto, responds: 'ShareCreatedView', status: 201, errors: { 403: 'not approved', 404: 'no such content version' },
      handler: ({ body, actor }) => s.shares.create(actor, body.contentVersionId, body.channel),
    }),
    route({
      method: 'get', path: '/api/shares/:shareId/poster-code', access: SHARERS,
      summary: "The mini program code (小程序码) for one of the agent's own shares, made by WeChat: a PNG or JPEG image", tag,
      responds: { media: ['image/png', 'image/jpeg'], returns: 'an image (image/png or image/jpeg)' },
      errors: { 404: 'not one of your shares', 502: 'WeChat refused (e.g. the reader page is not in the published mini program)' },
      handler: async ({ params, actor, ctx }) => {
        const image = await s.posterCodes.forShare(actor, params.shareId);
        ctx.type = image.contentType;
        ctx.set('Cache-Control', 'private, max-age=86400');
        return image.bytes;
      },
    }),
    route({
      method: 'get', path: '/api/shares/scenes/:scene', access: VIEWERS, summary: 'The signed share id behind the scene of a scanned mini program code', tag,
      responds: 'ShareCreatedView', errors: { 404: 'no share has this scene' },
      handler: ({ params }) => s.shares.byScene(params.scene),
    }),
    route({
      method: 'post', path: '/api/shares/:shareId/open', access: VIEWERS, summary: 'A viewer opens a share: the pinned version, the agent card, and their contact', tag,
      body: OpenShareDto, responds: 'OpenShareView', errors: { 404: 'forged, tampered or unknown share id (share_invalid)', 410: 'content retired (share_retired): GET …/more gives the agent card and other content' },
      handler: ({ params, userId, body }) => s.shares.open(userId, params.shareId, body.scene),
    }),
    route({
      method: 'post', path: '/api/shares/glance', access: 'public',
      summary: "A reader without a login (WeChat's single-page mode from Moments) sees a share; one anonymous open is counted for it", tag,
      body: GlanceShareDto, responds: 'GlanceShareView', errors: { 404: 'forged, tampered or unknown share id', 410: 'content retired', 429: 'too many from this IP or for this share' },
      handler: ({ body }) => s.shares.glance(body),
    }),
    route({
      method: 'get', path: '/api/shares/:shareId/more', access: VIEWERS,
      summary: "The sharing agent's card and a few of their other live shares, answered for a retired share too (the reader's 该内容已下架 page)", tag,
      responds: 'ShareMoreView', errors: { 404: 'forged, tampered or unknown share id' },
      handler: ({ params }) => s.shares.more(params.shareId),
    }),
    route({
      method: 'post', path: '/api/shares/:shareId/forward', access: VIEWERS, summary: 'A viewer forwards: a child share that credits the referral', tag,
      body: ForwardShareDto, responds: 'ShareCreatedView', status: 201,
      handler: ({ body, params, userId }) => s.shares.forward(userId, params.shareId, body.channel),
    }),
  ];
}
