import { ContractChecker } from './contract-check';

const checker = new ContractChecker();
const json = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body, text: JSON.stringify(body) });
const card = { agentId: 'a1', name: '王晓梅', photoUrl: null, licenceNo: null, companyName: '客经人寿', intro: null, personaTemplate: null };

describe('checking a response against docs/openapi.json', () => {
  it('passes a body that fits the contract of its route and status', () => {
    expect(checker.problems('get', '/api/card', json(200, card))).toEqual([]);
  });

  it('fails a body missing a field the contract requires, naming it', () => {
    const { intro: _dropped, ...withoutIntro } = card;
    expect(checker.problems('get', '/api/card', json(200, withoutIntro)).join()).toContain("must have required property 'intro'");
  });

  it('fails a field the contract does not have (nothing leaks past the contract unnoticed)', () => {
    expect(checker.problems('get', '/api/card', json(200, { ...card, openid: 'o-123' })).join()).toContain('must NOT have additional properties');
  });

  it('fails a field of the wrong type', () => {
    expect(checker.problems('get', '/api/card', json(200, { ...card, photoUrl: 3 })).join()).toContain('photoUrl');
  });

  it('fails a status the route does not document', () => {
    expect(checker.problems('get', '/api/card', json(418, { error: { code: 'x', message: 'y' } })).join()).toContain('lists no 418');
  });

  it('checks errors against the error body', () => {
    expect(checker.problems('get', '/api/card', json(401, { error: { code: 'unauthorized', message: 'authentication required' } }))).toEqual([]);
    expect(checker.problems('get', '/api/card', json(401, { message: 'no' })).join()).toContain("required property 'error'");
  });

  it('matches a path as the router does: a static segment before a parameter, query strings ignored', () => {
    const grid = { cells: {}, stages: {} };
    // /api/contacts/grid is GridCountsView, not the ContactDetailView of /api/contacts/{contactId}.
    expect(checker.problems('get', '/api/contacts/grid?x=1', json(200, grid)).join()).toContain('cells');
    expect(checker.problems('get', '/api/contacts/grid', json(200, card)).join()).toContain('GET /api/contacts/grid → 200');
  });

  it('leaves 431 to Node: its HTTP parser refuses an oversized URL before the app sees it', () => {
    expect(checker.problems('get', '/api/card', { status: 431, headers: {}, body: {}, text: '' })).toEqual([]);
  });

  it('checks the media type of a non-JSON answer, and leaves unknown paths alone', () => {
    const page = { status: 200, headers: { 'content-type': 'application/json' }, body: {}, text: '{}' };
    expect(checker.problems('get', '/operator', page).join()).toContain('the document says text/html');
    expect(checker.problems('get', '/index.html', page)).toEqual([]);
  });
});
