import { IsBoolean, IsIn, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import type { LeaveMessageRequest, UpdateReachRequest, WeChatQrKind } from '@kejing/shared';
import { Optional } from '../../middleware/validate';

/** A phone an agent gives customers: a mobile or a landline with area code, digits with + - and spaces. */
const AGENT_PHONE = /^\+?\d[\d -]{4,17}\d$/;

export class UpdateReachDto implements UpdateReachRequest {
  @ValidateIf((_o, v) => v !== undefined && v !== null) @IsString() @Matches(AGENT_PHONE, { message: '请填写正确的手机号或座机号' }) phone?: string | null;
  @Optional() @IsBoolean() phonePublic?: boolean;
  @ValidateIf((_o, v) => v !== undefined && v !== null) @IsString() @Matches(/^[0-9a-f]{64}$/, { message: '请先上传二维码图片' }) wechatQrUploadId?: string | null;
  @Optional() @IsIn(['wechat', 'wecom']) wechatQrKind?: WeChatQrKind;
}

export class ReaderReachQuery {
  @IsString() @Length(1, 600) shareId!: string;
}

export class LeaveMessageDto implements LeaveMessageRequest {
  @IsString() @Length(1, 600) shareId!: string;
  @IsUUID() clientMessageId!: string;
  @IsString() @Length(1, 200, { message: '留言请在 1–200 字之间' }) @Matches(/\S/, { message: '留言不能为空' }) @Matches(/^[^\u0000-\u0008\u000b-\u001f]*$/, { message: '留言含有不可见字符' })
  text!: string;
}
