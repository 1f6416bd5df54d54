import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ERROR_CODES, ERROR_MESSAGES_ZH, FIELD_LABELS_ZH, fieldLabelZh } from '@kejing/shared';
import { englishInServerErrors, englishInSource, sourceFiles } from '../testing/english-scan';
import { reasonZh } from './validate';

const CHINESE = /[\u4e00-\u9fff]/;
/** Words that tell a person what to do next (or that nothing needs doing). */
const NEXT_STEP = /请|可以|无需|稍后|重新|联系|刷新|直接|先|核对|检查|已忽略|重试/;
const SERVER_SRC = join(__dirname, '..');

/** A DTO class as class-validator keys its metadata. */
type DtoClass = abstract new (...args: never[]) => unknown;

/** Every DTO class: loading each source that uses class-validator registers its decorators. */
async function loadAllDtos(): Promise<Map<DtoClass, ValidationMetadata[]>> {
  for (const file of sourceFiles(SERVER_SRC)) {
    if (/\.dto\.ts$|touchpoint-input\.ts$|http[\\/]query\.ts$/.test(file)) await import(file);
  }
  return (getMetadataStorage() as unknown as { validationMetadatas: Map<DtoClass, ValidationMetadata[]> }).validationMetadatas;
}

/** Metadata kinds that say nothing to a person by themselves (a condition, a nested class's own checks). */
const SILENT = new Set(['conditionalValidation', 'nestedValidation', 'whitelistValidation', 'isOptional']);

/** Issue 16.1: no error the server answers reaches a person in English. */
describe('the server\'s messages are Chinese and say what to do next', () => {
  it('every code in the table has a Chinese message with a next step', () => {
    const lacking = ERROR_CODES.filter((code) => !CHINESE.test(ERROR_MESSAGES_ZH[code]) || !NEXT_STEP.test(ERROR_MESSAGES_ZH[code]));
    expect(lacking).toEqual([]);
  });

  it('every field label is Chinese', () => {
    expect(Object.entries(FIELD_LABELS_ZH).filter(([, label]) => !CHINESE.test(label))).toEqual([]);
  });

  it('no error thrown in the server\'s source carries English a person would read (AppError and helpers, reason:, message:)', () => {
    const found = englishInServerErrors(SERVER_SRC);
    expect(found.map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });

  it('every validated request field has a Chinese name, and every constraint on it a Chinese reason', async () => {
    const unnamed = new Set<string>();
    const english: string[] = [];
    const dtos = await loadAllDtos();
    // Every DTO was loaded (a scan over none would pass).
    expect(dtos.size).toBeGreaterThan(40);
    for (const [target, metadatas] of dtos) {
      for (const m of metadatas) {
        if (SILENT.has(m.type)) continue;
        if (fieldLabelZh(m.propertyName) === '填写的内容') unnamed.add(`${target.name}.${m.propertyName}`);
        const given = typeof m.message === 'string' ? m.message : typeof m.message === 'function' ? m.message({ constraints: m.constraints ?? [], property: m.propertyName, value: undefined, targetName: target.name, object: {} }) : 'english default';
        const reason = reasonZh(m.name ?? m.type, m.constraints ?? [], given);
        if (!CHINESE.test(reason)) english.push(`${target.name}.${m.propertyName} ${m.name ?? m.type}: ${reason}`);
      }
    }
    expect([...unnamed]).toEqual([]);
    expect(english).toEqual([]);
  });

  describe('the scan can fail', () => {
    it.each([
      ['an English AppError message', "throw new AppError(409, 'task_closed', 'the task is already done');"],
      ['an English field reason', "throw badRequest([{ field: 'until', reason: 'must be in the future' }]);"],
      ['an English validation message', "class X { @Matches(/x/, { message: 'must be a date YYYY-MM-DD' }) day!: string; }"],
      ['an English template', 'throw forbidden(`cannot ${action} this`);'],
    ])('finds %s', (_what, source) => {
      expect(englishInSource('planted.ts', source)).toHaveLength(1);
    });

    it.each([
      ['Chinese with a code in it', "throw new AppError(409, 'tag_exists', `标签编码 ${code} 已存在，请换一个编码`);"],
      ['a closed set of codes', "return { sent: false, reason: 'refused', errcode };"],
      ['no text at all', "throw new AppError(410, 'share_retired');"],
    ])('lets %s pass', (_what, source) => {
      expect(englishInSource('planted.ts', source)).toEqual([]);
    });
  });
});
