/** The wire format of agent card: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
export interface AgentCardView {
  agentId: string;
  name: string;
  photoUrl: string | null;
  licenceNo: string | null;
  companyName: string;
  intro: string | null;
  personaTemplate: string | null;
}
/** PUT /api/card */
export interface UpdateCardRequest {
  name?: string;
  photoUrl?: string;
  intro?: string;
  personaTemplate?: string;
}

/** Which app the agent's QR code adds them in. */
export type WeChatQrKind = 'wechat' | 'wecom';

/** GET and PUT /api/card/reach — how customers may reach the agent, as the agent sets it. */
export interface AgentReachView {
  /** The agent's own phone, as entered; customers see it only when phonePublic. */
  phone: string | null;
  phonePublic: boolean;
  /** The uploaded QR code (an image URL under /api/uploads), or null. */
  wechatQrUrl: string | null;
  wechatQrKind: WeChatQrKind | null;
}

export interface UpdateReachRequest {
  /** null clears it. */
  phone?: string | null;
  phonePublic?: boolean;
  /** An upload id from POST /api/uploads (the agent's own); null removes the QR code. */
  wechatQrUploadId?: string | null;
  wechatQrKind?: WeChatQrKind;
}

/** GET /api/card/reader-reach?shareId= — the 咨询顾问 panel a customer sees under a share. */
export interface ReaderReachView {
  agentName: string;
  photoUrl: string | null;
  /** Only when the agent chose to show it. */
  phone: string | null;
  wechatQrUrl: string | null;
  wechatQrKind: WeChatQrKind | null;
}

/** POST /api/card/messages — a customer's 留言 to the agent. */
export interface LeaveMessageRequest {
  shareId: string;
  /** Client-made UUID: a retried send is stored once. */
  clientMessageId: string;
  text: string;
}

export interface MessageLeftView {
  messageId: string;
  createdAt: string;
}

/** POST /api/uploads — an image stored for a card (QR code, photo). */
export interface UploadedImageView {
  uploadId: string;
  /** Path on the API, e.g. "/api/uploads/<id>"; served with long-lived cache headers. */
  url: string;
  contentType: 'image/png' | 'image/jpeg' | 'image/webp';
  sizeBytes: number;
}

/** POST /api/uploads/videos — an MP4 stored for a video item (operators), served with byte ranges. */
export interface UploadedVideoView {
  uploadId: string;
  /** Path on the API, e.g. "/api/uploads/<id>"; answers Range requests (206) as players need. */
  url: string;
  contentType: 'video/mp4';
  sizeBytes: number;
  /** The running time read from the file's movie header, in whole seconds; null when it has none. */
  durationSec: number | null;
}
