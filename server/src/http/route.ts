import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { ResponseBodies, Role } from '@kejing/shared';
import type { StaffActor } from '../permissions/actor';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: "public" needs no session; otherwise the roles, where "viewer" is anyone
 * logged in via WeChat. Role lists are readonly tuples (`as const`), so the handler's input can say
 * whether it gets a staff actor or only a user id.
 */
export type Access = 'public' | readonly Role[];

/** A class-validator DTO: mounting validates the body or query into it (unknown fields refused). */
export type Dto<T extends object = object> = new () => T;

/** A body its service checks itself (the ingestion hot path; a rule set checked whole): documented by this schema, not validated on mounting. */
export interface CheckedBody {
  name: string;
  schema: object;
}

type BodyName = Extract<keyof ResponseBodies, string>;
/** Bytes of a media type (an image, the operator page), described for people. */
export interface Media {
  media: readonly string[];
  returns: string;
}
/** What a route answers on success: a contract body (shared/src/contracts/responses.ts), a list of one, nothing (204), or media. */
export type Responds = BodyName | `${BodyName}[]` | 'nothing' | Media;

export type ResponseOf<R extends Responds> = R extends Media ? Buffer | string | Readable
  : R extends 'nothing' ? void
    : R extends `${infer T extends BodyName}[]` ? ResponseBodies[T][]
      : R extends BodyName ? ResponseBodies[R] : never;

/** Who is calling, as the route's access rule guarantees it: nothing, a WeChat user, or a staff member. */
export type Caller<A extends Access> = A extends 'public' ? object
  : 'viewer' extends A[number] ? { userId: string } : { actor: StaffActor };

/** The path parameters a route path names: "/api/x/:a/y/:b" → { a: string; b: string }. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}` ? { [K in Name]: string } : Record<never, string>;

export type RouteInput<P extends string, A extends Access, B, Q> = {
  body: B;
  query: Q;
  params: PathParams<P>;
  /** For what the declaration cannot say: response headers, a status that depends on the outcome. */
  ctx: Context;
} & Caller<A>;

/** One endpoint, declared once: mounting applies `access`, validates `body` and `query`, and answers `status` with what the handler returns. */
export interface RouteSpec<P extends string, A extends Access, R extends Responds, B, Q> {
  method: HttpMethod;
  /** @koa/router path, e.g. "/api/contacts/:contactId". */
  path: P;
  access: A;
  /**
   * The admin bootstrap token (ADMIN_BOOTSTRAP_TOKEN) may call it too, until an admin has bound
   * WeChat: only the org units (to see whether the company exists, and create it) and one staff
   * member, an admin, whose invite code the first admin binds. A shared secret that never expires
   * must not read personal data, so every other route needs a WeChat session.
   */
  bootstrap?: true;
  summary: string;
  /** The OpenAPI tag (a section of the document). */
  tag: string;
  body?: Dto<B & object> | CheckedBody;
  query?: Dto<Q & object>;
  responds: R;
  /** The success status; 200 unless said. */
  status?: number;
  /** Other statuses that carry the same success body, and what they mean. */
  alsoAnswers?: Record<number, string>;
  /** Errors besides the ones every route of its kind can give (400/401/403/404/413/503 follow from the declaration). */
  errors?: Record<number, string>;
  handler: (input: RouteInput<P, A, B, Q>) => Promise<ResponseOf<R>>;
}

/** A declared route with its types erased, as mounting and the OpenAPI writer read it. */
export interface RouteDef extends Omit<RouteSpec<string, Access, Responds, unknown, unknown>, 'handler' | 'status' | 'body' | 'query'> {
  status: number;
  body?: Dto | CheckedBody;
  query?: Dto;
  handler: (input: RouteInput<string, Access, unknown, unknown> & { params: Record<string, string>; userId?: string; actor?: StaffActor }) => Promise<unknown>;
}

/** Declares an endpoint; the handler's input and result are typed from the declaration. */
export function route<const P extends string, const A extends Access, const R extends Responds, B = unknown, Q = unknown>(spec: RouteSpec<P, A, R, B, Q>): RouteDef {
  // The handler was checked against its own declaration above; mounting supplies exactly that input.
  return { ...spec, status: spec.status ?? 200 } as unknown as RouteDef;
}

/** "POST /api/contacts/:id" — a route's name in tests and errors. */
export const routeKey = (r: Pick<RouteDef, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
