import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IMPORT_FORMATS, ImportCommitRequest, ImportFormat, ImportMappingEntry, ImportUploadRequest } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

/** POST /api/imports: the file as base64 in JSON (Taro.request and wx's file manager both give base64; the body limit is set for this path). */
export class ImportUploadDto implements ImportUploadRequest {
  @IsString() @Matches(/^[a-z]{2,20}$/) kind!: string;
  @IsString() @Length(1, 200) @Matches(/^[^\u0000-\u001f\u007f/\\]+$/, { message: 'fileName must be a plain file name' }) fileName!: string;
  @Optional() @IsIn(IMPORT_FORMATS) format?: ImportFormat;
  @IsString() @Length(1) @Matches(/^[A-Za-z0-9+/=\r\n]+$/, { message: 'contentBase64 must be base64' }) contentBase64!: string;
}

export class ImportMappingEntryDto implements ImportMappingEntry {
  @IsString() @Length(1, 40) column!: string;
  @ValidateIf((_o, v) => v !== null) @IsInt() @Min(0) @Max(999) header!: number | null;
}

export class ImportCommitDto implements ImportCommitRequest {
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ImportMappingEntryDto) mapping!: ImportMappingEntryDto[];
}
