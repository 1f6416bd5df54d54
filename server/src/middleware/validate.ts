import { plainToInstance, Type } from 'class-transformer';
import { IsObject, validate, ValidateIf, ValidateNested, ValidationError } from 'class-validator';
import type { FieldError } from '@kejing/shared';
import { badRequest } from '../lib/app-error';

type Constructor<T> = new () => T;

/**
 * The field may be left out; when sent, it is checked, null included. class-validator's
 * IsOptional skips null as well, so `{"name": null}` passed every check and reached a NOT NULL
 * column as a 500. A field that may really be cleared with null says so beside this
 * (`ValidateIf((_, v) => v !== null)`).
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/**
 * A nested object checked against its own class. ValidateNested alone takes an array as a list of
 * such objects, so `consent: []` passed with nothing in it: IsObject refuses arrays first.
 */
export function Nested(type: () => Constructor<object>): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsObject()(target, property);
    ValidateNested()(target, property);
    Type(type)(target, property);
  };
}

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
