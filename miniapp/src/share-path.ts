/** Where a share opens: the customer reader in the "customer" sub-package. */
export const READER_ROUTE = '/customer/read/index'

export function sharePath(shareId: string): string {
  return `${READER_ROUTE}?s=${encodeURIComponent(shareId)}`
}

/** The H5 address of a share (hash router), for links and poster QR codes. */
export function shareUrl(h5Base: string, shareId: string): string {
  return `${h5Base.replace(/\/$/, '')}/#${sharePath(shareId)}`
}
