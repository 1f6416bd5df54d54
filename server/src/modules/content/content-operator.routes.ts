import { pageOf } from '../../http/query';
import { route, RouteDef } from '../../http/route';
import { COMPLIANCE_ERRORS, OPERATORS } from '../../permissions/access';
import type { StaffActor } from '../../permissions/actor';
import type { Services } from '../../services';
import { presentOrgUnit } from '../org/org.service';
import { presentForbiddenWord } from './compliance.service';
import {
  ContentDraftDto, ContentVisibilityDto, CreateContentDto, CreateForbiddenWordDto, draftInputOf, RejectContentDto, RetireContentDto, visibilityInputOf,
} from './content-operator.dto';
import { presentContentVersion } from './content.presenter';
import { OperatorContentQuery } from './content-query.dto';

/** The content operator's API (内容运营): authoring, review, visibility, forbidden words. */
export function contentOperatorRoutes(s: Pick<Services, 'clock' | 'compliance' | 'contentAuthoring' | 'org'>): RouteDef[] {
  const tag = 'operator';
  const detail = 'OperatorContentDetailView';
  // A change to an item answers the item as it is now.
  const detailAfter = (itemId: string, actor: StaffActor, change: Promise<unknown>) => change.then(() => s.contentAuthoring.detail(itemId, actor));
  return [
    route({
      method: 'get', path: '/api/operator/content', access: OPERATORS, summary: 'Every content item with its latest version and review status', tag,
      query: OperatorContentQuery, responds: 'Page<OperatorContentSummaryView>',
      handler: ({ query }) => s.contentAuthoring.list({ status: query.status, kind: query.kind, q: query.q, tag: query.tag, ...pageOf(query) }),
    }),
    route({
      method: 'post', path: '/api/operator/content', access: OPERATORS, summary: 'Create an item: version 1 as a draft (article HTML sanitised)', tag,
      body: CreateContentDto, responds: detail, status: 201,
      handler: async ({ body, actor }) => {
        const item = await s.contentAuthoring.create(actor, body.kind, draftInputOf(body), body.visibility ? visibilityInputOf(body.visibility) : undefined);
        return s.contentAuthoring.detail(item.id, actor);
      },
    }),
    route({
      method: 'get', path: '/api/operator/content/:itemId', access: OPERATORS, summary: 'An item: latest version, every version\'s review, and the audit trail', tag,
      responds: detail,
      handler: ({ params, actor }) => s.contentAuthoring.detail(params.itemId, actor),
    }),
    route({
      method: 'put', path: '/api/operator/content/:itemId', access: OPERATORS,
      summary: 'Edit: a new immutable version as a draft; the published version stays shared until another is approved', tag,
      body: ContentDraftDto, responds: detail, errors: { 409: 'in review or retired' },
      handler: ({ body, params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.edit(actor, params.itemId, draftInputOf(body))),
    }),
    route({
      method: 'put', path: '/api/operator/content/:itemId/visibility', access: OPERATORS, summary: 'Who sees the item (branches/teams; none = company) and when', tag,
      body: ContentVisibilityDto, responds: detail, errors: { 409: 'retired' },
      handler: ({ body, params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.setVisibility(actor, params.itemId, visibilityInputOf(body))),
    }),
    route({
      method: 'post', path: '/api/operator/content/:itemId/submit', access: OPERATORS,
      summary: 'Submit the latest draft for review: forbidden words, then WeChat msgSecCheck; only a pass goes through', tag, responds: detail,
      errors: { 403: 'no WeChat identity to check the text for', 409: 'not a draft', ...COMPLIANCE_ERRORS },
      handler: ({ params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.submit(actor, params.itemId)),
    }),
    route({
      method: 'post', path: '/api/operator/content/:itemId/approve', access: OPERATORS, summary: 'Approve the version in review: agents now share it', tag, responds: detail,
      errors: { 409: 'not in review, or you wrote or submitted this version (four eyes: another operator approves)' },
      handler: ({ params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.approve(actor, params.itemId)),
    }),
    route({
      method: 'post', path: '/api/operator/content/:itemId/reject', access: OPERATORS, summary: 'Reject the version in review, with the reason', tag,
      body: RejectContentDto, responds: detail, errors: { 409: 'not in review' },
      handler: ({ body, params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.reject(actor, params.itemId, body.reason)),
    }),
    route({
      method: 'post', path: '/api/operator/content/:itemId/retire', access: OPERATORS, summary: 'Retire for good: no more shares, old shares answer 410', tag,
      body: RetireContentDto, responds: detail, errors: { 409: 'never reviewed, or retired already' },
      handler: ({ body, params, actor }) => detailAfter(params.itemId, actor, s.contentAuthoring.retire(actor, params.itemId, body.reason)),
    }),
    route({
      method: 'get', path: '/api/operator/content/:itemId/versions/:versionId', access: OPERATORS, summary: 'Preview any version as a reader sees it', tag,
      responds: 'ContentVersionView',
      handler: async ({ params }) => {
        const { item, version } = await s.contentAuthoring.version(params.itemId, params.versionId);
        return presentContentVersion(item, version, s.clock.nowMs());
      },
    }),
    route({
      method: 'get', path: '/api/operator/forbidden-words', access: OPERATORS, summary: 'The forbidden-word list that blocks submission', tag, responds: 'ForbiddenWordView[]',
      handler: async () => (await s.compliance.listWords()).map(presentForbiddenWord),
    }),
    route({
      method: 'post', path: '/api/operator/forbidden-words', access: OPERATORS, summary: 'Add a forbidden word; audited', tag,
      body: CreateForbiddenWordDto, responds: 'ForbiddenWordView', status: 201, errors: { 409: 'on the list already' },
      handler: async ({ body, actor }) => presentForbiddenWord(await s.compliance.addWord(actor, body.word, body.category ?? 'operator')),
    }),
    route({
      method: 'delete', path: '/api/operator/forbidden-words/:wordId', access: OPERATORS, summary: 'Remove a forbidden word; audited', tag, responds: 'nothing', status: 204,
      handler: ({ params, actor }) => s.compliance.removeWord(actor, params.wordId),
    }),
    // Operators choose branches and teams for visibility; the admin list is admin-only.
    route({
      method: 'get', path: '/api/operator/org-units', access: OPERATORS, summary: 'The organisation tree, to choose visibility', tag, responds: 'OrgUnitView[]',
      handler: async () => (await s.org.list()).map(presentOrgUnit),
    }),
  ];
}
