import { plainToInstance, Type } from 'class-transformer';
import { getMetadataStorage, IsObject, validate, ValidateIf, ValidateNested, ValidationError } from 'class-validator';
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

/** The arguments a decorator was given (Length(1, 40) → [1, 40]), found by the constraint's name. */
function constraintArgs(target: object | undefined, property: string, key: string): unknown[] {
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === property && (m.name === key || m.type === key));
  return (metadata?.constraints as unknown[] | undefined) ?? [];
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/**
 * A constraint's reason in Chinese. A decorator's own message is used when it is Chinese already;
 * class-validator's defaults are English, so each constraint in use says it here with its arguments.
 */
export function reasonZh(key: string, args: readonly unknown[], given: string): string {
  if (hasChinese(given)) return given;
  const [a, b] = args;
  switch (key) {
    case 'isDefined': return '必须填写';
    case 'isString': return '应为文字';
    case 'isInt': return '应为整数';
    case 'isNumber': return '应为数字';
    case 'isBoolean': return '应为“是”或“否”';
    case 'isArray': return '应为一组值（列表）';
    case 'isObject': case 'nestedValidation': return '格式不对，应为一组字段';
    case 'isUuid': return '编号不对，请从列表中重新选择';
    case 'isIn': return Array.isArray(a) ? `应为以下之一：${a.join('、')}` : '不是可选的值，请重新选择';
    case 'isLength':
      if (typeof b === 'number') return a === 1 ? `不能为空，最多 ${b} 个字` : `长度应为 ${String(a)}–${b} 个字`;
      return `至少 ${String(a)} 个字`;
    case 'maxLength': return `最多 ${String(a)} 个字`;
    case 'minLength': return `至少 ${String(a)} 个字`;
    case 'min': return `不能小于 ${String(a)}`;
    case 'max': return `不能大于 ${String(a)}`;
    case 'arrayMaxSize': return `最多 ${String(a)} 项`;
    case 'arrayMinSize': return `至少 ${String(a)} 项`;
    case 'isUrl': return '应为以 http:// 或 https:// 开头的网址';
    case 'isMediaUrl': return '应为以 http:// 或 https:// 开头的网址，或上传的文件';
    case 'equals': return a === true ? '请先勾选同意' : `应为 ${String(a)}`;
    case 'matches': return '格式不对，请检查后重新填写';
    case 'whitelistValidation': return '不是可以提交的字段，请去掉后再提交';
    case 'unknownValue': return '内容无法识别，请刷新后重试';
    default: return '填写有误，请检查后重新填写';
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([key, given]) => ({
      field, reason: reasonZh(key, constraintArgs(error.target, error.property, key), given),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Field errors of one plain value against a DTO class: unknown fields refused, nothing coerced. */
export async function fieldErrors<T extends object>(dto: Constructor<T>, value: unknown): Promise<{ instance: T; errors: FieldError[] }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { instance: new dto(), errors: [{ field: '(body)', reason: '应为 JSON 对象' }] };
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
