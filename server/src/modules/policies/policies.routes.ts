import { route, RouteDef } from '../../http/route';
import { SHARERS, STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { CreatePolicyDto, PremiumActualsQuery, UpdatePolicyDto } from './policy.dto';

export function policiesRoutes(s: Pick<Services, 'policies'>): RouteDef[] {
  const tag = 'policies';
  const notOwner = { 403: 'not the contact\'s own agent' };
  const numberTaken = { 409: 'the policy number is already recorded (code duplicate_policy_number)' };
  return [
    route({
      method: 'get', path: '/api/contacts/:contactId/policies', access: STAFF_READERS, tag, responds: 'PolicyView[]',
      summary: 'A contact\'s policies (numbers masked), newest signing first; staff in scope',
      handler: ({ params, actor }) => s.policies.listOfContact(actor, params.contactId),
    }),
    route({
      method: 'post', path: '/api/contacts/:contactId/policies', access: SHARERS, tag, body: CreatePolicyDto, responds: 'PolicyView', status: 201,
      summary: 'Record a signed policy (the policy_signed touchpoint with it; a retried clientEventId returns the same policy); audited',
      errors: { ...notOwner, ...numberTaken },
      handler: ({ body, params, actor }) => s.policies.create(actor, params.contactId, body),
    }),
    route({
      method: 'get', path: '/api/policies/actuals', access: STAFF_READERS, tag, query: PremiumActualsQuery, responds: 'PremiumActualsView',
      summary: 'Premium signed in a period (default this month) within the actor\'s scope: total, 件均保费, 举绩率',
      handler: ({ query, actor }) => s.policies.actuals(actor, query),
    }),
    route({
      method: 'get', path: '/api/policies/:policyId', access: STAFF_READERS, tag, responds: 'PolicyView',
      summary: 'One policy (number masked); staff in scope',
      handler: ({ params, actor }) => s.policies.detail(actor, params.policyId),
    }),
    route({
      method: 'put', path: '/api/policies/:policyId', access: SHARERS, tag, body: UpdatePolicyDto, responds: 'PolicyView',
      summary: 'Edit a policy (partial; a changed schedule derives the next premium date unless given); owning agent only; audited',
      errors: { ...notOwner, ...numberTaken },
      handler: ({ body, params, actor }) => s.policies.update(actor, params.policyId, body),
    }),
    route({
      method: 'post', path: '/api/policies/:policyId/reveal-number', access: SHARERS, tag, responds: 'RevealedPolicyNumberView',
      summary: 'The full policy number, for the owning agent; audited', errors: { 404: 'not your policy' },
      handler: ({ params, actor }) => s.policies.revealNumber(actor, params.policyId),
    }),
  ];
}
