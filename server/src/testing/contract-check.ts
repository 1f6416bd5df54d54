import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request, { Response } from 'supertest';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const DOCUMENT_ID = 'openapi.json';
// The committed document: build-openapi.test.ts keeps it equal to what the routes declare.
const documentPath = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');

/** One path of the document, split for matching: static segments must equal, "{x}" matches any one segment. */
interface PathPattern {
  template: string;
  segments: string[];
  statics: number;
}

/**
 * Checks a real response against the OpenAPI document: the route (by method and path), the
 * status (listed for that route?), the media type, and for JSON the body against the status's
 * schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 says). Requests that reach no documented route
 * (an unknown path, the H5 build) are not the document's business.
 */
export class ContractChecker {
  private readonly document: Document;
  private readonly ajv: Ajv2020;
  private readonly patterns: PathPattern[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Document = JSON.parse(readFileSync(documentPath, 'utf8')) as Document) {
    this.document = document;
    // strict off: the document's schemas carry OpenAPI's own words (e.g. x-roles sits beside them), which are not JSON Schema keywords.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, DOCUMENT_ID);
    this.patterns = Object.keys(document.paths).map((template) => {
      const segments = template.split('/').slice(1);
      return { template, segments, statics: segments.filter((s) => !s.startsWith('{')).length };
    });
  }

  /** The documented path a request path reaches, preferring static segments ("/contacts/grid" over "/contacts/{id}"), as the router does. */
  private templateOf(method: string, path: string): string | undefined {
    const segments = path.replace(/\/$/, '').split('/').slice(1);
    let best: PathPattern | undefined;
    for (const p of this.patterns) {
      if (p.segments.length !== segments.length || !this.document.paths[p.template]?.[method]) continue;
      const fits = p.segments.every((s, i) => (s.startsWith('{') ? (segments[i] ?? '') !== '' : s.toLowerCase() === segments[i]?.toLowerCase()));
      if (fits && (!best || p.statics > best.statics)) best = p;
    }
    return best?.template;
  }

  private validator(template: string, method: string, status: string, media: string): ValidateFunction {
    const pointer = ['paths', template, method, 'responses', status, 'content', media, 'schema'].map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    const key = `${DOCUMENT_ID}#/${pointer}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = this.ajv.compile({ $ref: key })));
    return validate;
  }

  /** The ways a response breaks the document (empty when it keeps it). */
  problems(method: string, url: string, res: Pick<Response, 'status' | 'headers' | 'body' | 'text'>): string[] {
    const path = url.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0] ?? '';
    const template = this.templateOf(method, path);
    // 431 (a URL or headers over Node's limit) comes from Node's HTTP parser before the app sees the request.
    if (!template || res.status === 431) return [];
    const name = `${method.toUpperCase()} ${template} → ${res.status}`;
    const response = this.document.paths[template]?.[method]?.responses[String(res.status)];
    if (!response) return [`${name}: the document lists no ${res.status} for this route (body: ${String(res.text).slice(0, 300)})`];
    const media = String(res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!response.content) return res.text ? [`${name}: the document says no body, the response has one`] : [];
    if (!(media in response.content)) return [`${name}: answered ${media || 'no content type'}, the document says ${Object.keys(response.content).join(' or ')}`];
    if (media !== 'application/json' || !response.content[media]?.schema) return [];
    const validate = this.validator(template, method, String(res.status), media);
    if (validate(res.body)) return [];
    return [`${name}: the body does not fit the document: ${this.ajv.errorsText(validate.errors, { separator: '; ' })} (body: ${JSON.stringify(res.body).slice(0, 300)})`];
  }
}

let shared: ContractChecker | undefined;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * supertest's request(target), with every response checked against the OpenAPI document: a
 * response that breaks it fails the request (and so the test) with what broke. Every API test
 * that goes through it is a contract test.
 */
export function contractChecked(target: Server | string): ReturnType<typeof request> {
  const checker = (shared ??= new ContractChecker());
  const agent = request(target);
  for (const method of METHODS) {
    const plain = agent[method].bind(agent);
    agent[method] = (url: string) => plain(url).expect((res: Response) => {
      const problems = checker.problems(method, url, res);
      if (problems.length > 0) throw new Error(`response breaks docs/openapi.json:\n${problems.join('\n')}`);
    });
  }
  return agent;
}
