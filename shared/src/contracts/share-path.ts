/** Where a share opens: the customer reader in the "customer" sub-package (the server signs links to it, the mini program routes to it). */
export const READER_PAGE = '/customer/read/index';

/** The mini program path of a share: the reader with the signed share id in `s`. */
export function sharePath(shareId: string): string {
  return `${READER_PAGE}?s=${encodeURIComponent(shareId)}`;
}
