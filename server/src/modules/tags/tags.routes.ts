import { route, RouteDef } from '../../http/route';
import { CONTENT_READERS, OPERATORS } from '../../permissions/access';
import type { Services } from '../../services';
import { CreateTagDto, RenameTagDto } from './tag.dto';
import { presentTag } from './tags.service';

export function tagsRoutes(s: Pick<Services, 'tags'>): RouteDef[] {
  return [
    route({
      method: 'get', path: '/api/tags', access: CONTENT_READERS, summary: 'The tag tree (标签体系): one root list per family, children under parents', tag: 'content',
      responds: 'TagTreeView',
      handler: () => s.tags.tree(),
    }),
    route({
      method: 'post', path: '/api/operator/tags', access: OPERATORS, summary: 'Add a tag to the tree (not to the stage family); audited', tag: 'operator',
      body: CreateTagDto, responds: 'TagView', status: 201, errors: { 409: 'the tag exists' },
      handler: async ({ body, actor }) => presentTag(await s.tags.create(actor, body)),
    }),
    route({
      method: 'put', path: '/api/operator/tags/:code', access: OPERATORS,
      summary: 'Rename a tag for display; its code (what content and contacts refer to) stays; audited', tag: 'operator',
      body: RenameTagDto, responds: 'TagView', errors: { 404: 'no such tag' },
      handler: async ({ body, params, actor }) => presentTag(await s.tags.rename(actor, params.code, body)),
    }),
  ];
}
