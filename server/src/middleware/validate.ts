import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { FieldError } from '@kejing/shared';
import { badRequest } from '../lib/app-error';

type Constructor<T> = new () => T;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Field errors of one plain value against a DTO class: unknown fields refused, nothing coerced. */
export async function fieldErrors<T extends object>(dto: Constructor<T>, value: unknown): Promise<{ instance: T; errors: FieldError[] }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { instance: new dto(), errors: [{ field: '(body)', reason: 'must be a JSON object' }] };
  }
  const instance = plainToInstance(dto, value, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { instance, errors: flatten(errors) };
}

/** Validates a request body or query into a DTO, or throws 400 with every field and reason. */
export async function validated<T extends object>(dto: Constructor<T>, value: unknown): Promise<T> {
  const { instance, errors } = await fieldErrors(dto, value);
  if (errors.length > 0) throw badRequest(errors);
  return instance;
}
