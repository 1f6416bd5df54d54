import { IsIn, IsString, Length, Matches } from 'class-validator';
import { TAG_CODE_PATTERN, TAG_FAMILIES, type CreateTagRequest, type RenameTagRequest, type TagCode, type TagFamily } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

export class CreateTagDto implements CreateTagRequest {
  @IsIn(TAG_FAMILIES) family!: TagFamily;
  @IsString() @Matches(/^[\w-]{1,40}$/, { message: '编码应为 1–40 个字母、数字、_ 或 -' }) code!: string;
  @IsString() @Length(1, 100) name!: string;
  @Optional() @IsString() @Matches(TAG_CODE_PATTERN) parentCode?: TagCode;
}

export class RenameTagDto implements RenameTagRequest {
  @IsString() @Length(1, 100) name!: string;
}
