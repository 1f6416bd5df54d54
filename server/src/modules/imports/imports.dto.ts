import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { IMPORT_FORMATS, ImportCommitRequest, ImportFormat, ImportMappingEntry, ImportUploadRequest } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

/**
 * Base64 text (line breaks allowed), checked by looking for one character outside the alphabet: a
 * `^[…]+$` pattern over a 5 MB file overflows V8's regular-expression stack when the call stack is
 * already deep, and the request failed with a 500 instead of its answer.
 */
function IsBase64Text(): PropertyDecorator {
  return ValidateBy({
    name: 'isBase64Text',
    validator: { validate: (value: unknown) => typeof value === 'string' && !/[^A-Za-z0-9+/=\r\n]/.test(value), defaultMessage: () => '文件内容应为 base64 编码，请重新选择文件' },
  });
}

/** POST /api/imports: the file as base64 in JSON (Taro.request and wx's file manager both give base64; the body limit is set for this path). */
export class ImportUploadDto implements ImportUploadRequest {
  @IsString() @Matches(/^[a-z]{2,20}$/) kind!: string;
  @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001f\u007f/\\]+$/, { message: '文件名不能含路径或不可见字符' }) fileName!: string;
  @Optional() @IsIn(IMPORT_FORMATS) format?: ImportFormat;
  @IsString() @Length(1) @IsBase64Text() contentBase64!: string;
}

export class ImportMappingEntryDto implements ImportMappingEntry {
  @IsString() @Length(1, 40) column!: string;
  @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(999) header!: number | null;
}

export class ImportCommitDto implements ImportCommitRequest {
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ImportMappingEntryDto) mapping!: ImportMappingEntryDto[];
}
