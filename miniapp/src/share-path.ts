import { sharePath } from '@kejing/shared'

/** The H5 address of a share (hash router), for links and poster QR codes. */
export function shareUrl(h5Base: string, shareId: string): string {
  return `${h5Base.replace(/\/$/, '')}/#${sharePath(shareId)}`
}

/**
 * How the reader was opened: with a share id in `s` (a shared card or link), or with the `scene`
 * WeChat passes when a poster's mini program code is scanned (URL-encoded, per WeChat; the server
 * turns it back into the share id). Null when neither is there.
 */
export function readerEntry(params: Partial<Record<string, string>>): { shareId: string } | { scene: string } | null {
  if (params.s) return { shareId: params.s }
  if (params.scene) {
    try {
      return { scene: decodeURIComponent(params.scene) }
    } catch {
      return { scene: params.scene }
    }
  }
  return null
}
