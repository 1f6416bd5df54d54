import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { SHARE_CHANNELS, ShareChannel, CreateShareRequest, ForwardShareRequest, GlanceShareRequest, OpenShareRequest } from '@kejing/shared';

export class CreateShareDto implements CreateShareRequest {
  @IsUUID() contentVersionId!: string;
  @IsIn(SHARE_CHANNELS) channel!: ShareChannel;
}

export class ForwardShareDto implements ForwardShareRequest {
  @IsIn(SHARE_CHANNELS) channel!: ShareChannel;
}

/** A WeChat scene value (场景值): four digits. */
const SCENE_MIN = 1000;
const SCENE_MAX = 9999;

export class OpenShareDto implements OpenShareRequest {
  @IsOptional() @IsInt() @Min(SCENE_MIN) @Max(SCENE_MAX) scene?: number;
}

export class GlanceShareDto implements GlanceShareRequest {
  @IsString() @Length(1, 200) shareId!: string;
  @IsUUID() clientEventId!: string;
  @IsOptional() @IsInt() @Min(SCENE_MIN) @Max(SCENE_MAX) scene?: number;
}
