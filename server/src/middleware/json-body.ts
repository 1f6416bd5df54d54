import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware, Next } from 'koa';
import { AppError } from '../lib/app-error';

type BodyParserOptions = NonNullable<Parameters<typeof bodyParser>[0]>;

/**
 * The JSON body parser, with one more refusal: a body that does not inflate as its
 * Content-Encoding says (plain JSON sent as gzip, a truncated stream) makes zlib throw a bare
 * error (Z_DATA_ERROR, Z_BUF_ERROR, a brotli code) that is the client's fault, not ours: 400.
 * Errors the parser already marks with a status (413, 415, a JSON syntax error) pass as they are.
 */
export function parseJsonBody(options: BodyParserOptions): Middleware {
  const parse = bodyParser(options);
  const parsed = async () => undefined;
  return async function parseJson(ctx: Context, next: Next): Promise<void> {
    try {
      // The parser is given a no-op `next`, so what it throws is about the body alone.
      await parse(ctx, parsed);
    } catch (error) {
      const status = (error as { status?: unknown })?.status;
      if (typeof status === 'number' || error instanceof SyntaxError) throw error;
      throw new AppError(400, 'invalid_encoding', undefined, [{ field: '(body)', reason: '内容与声明的压缩格式不符' }]);
    }
    return next();
  };
}
