/**
 * An image path the API answered ("/api/uploads/…") as a URL <Image> can load on both builds.
 * Its own module, free of the agent's API client, so the customer reader's independent package can use it.
 */
export function absoluteImageUrl(url: string): string {
  if (!url.startsWith('/')) return url
  const base = KEJING_API_BASE || (process.env.TARO_ENV === 'h5' ? window.location.origin : '')
  return base + url
}
