/**
 * An upload's path the API answered ("/api/uploads/…": an image or a video) as a URL <Image> and
 * <Video> can load on both builds; a full URL is returned as it is.
 * Its own module, free of the agent's API client, so the customer reader's independent package can use it.
 */
export function absoluteImageUrl(url: string): string {
  if (!url.startsWith('/')) return url
  const base = KEJING_API_BASE || (process.env.TARO_ENV === 'h5' ? window.location.origin : '')
  return base + url
}
