import { IsIn, IsUUID } from 'class-validator';
import { SHARE_CHANNELS, ShareChannel, CreateShareRequest, ForwardShareRequest } from '@kejing/shared';

export class CreateShareDto implements CreateShareRequest {
  @IsUUID() contentVersionId!: string;
  @IsIn(SHARE_CHANNELS) channel!: ShareChannel;
}

export class ForwardShareDto implements ForwardShareRequest {
  @IsIn(SHARE_CHANNELS) channel!: ShareChannel;
}
