/**
 * MP4 videos, known by their first bytes: an ISO base media file opens with an `ftyp` box whose
 * major brand names the family. WeChat's <video> and every phone browser play H.264 MP4; QuickTime
 * (.mov), 3GP and HEIF images share the box format but not the brand, and are refused.
 */
export type VideoType = 'video/mp4';

const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'mmp4', 'dash', 'MSNV']);

export function sniffVideo(bytes: Buffer): VideoType | null {
  if (bytes.length < 12 || bytes.toString('latin1', 4, 8) !== 'ftyp') return null;
  return MP4_BRANDS.has(bytes.toString('latin1', 8, 12)) ? 'video/mp4' : null;
}

/**
 * The running time in whole seconds from the movie header (moov → mvhd), or null when the file
 * has none we can read. Boxes are walked by their sizes, so a moov at the end (no faststart) is found too.
 */
export function mp4DurationSec(bytes: Buffer): number | null {
  const moov = childBox(bytes, 0, bytes.length, 'moov');
  const mvhd = moov && childBox(bytes, moov.start, moov.end, 'mvhd');
  if (!mvhd) return null;
  const version = bytes[mvhd.start];
  // Version 1 has 64-bit times: creation, modification (8 each), then timescale (4) and duration (8).
  const timescaleAt = mvhd.start + (version === 1 ? 4 + 16 : 4 + 8);
  if (timescaleAt + (version === 1 ? 12 : 8) > mvhd.end) return null;
  const timescale = bytes.readUInt32BE(timescaleAt);
  const duration = version === 1 ? Number(bytes.readBigUInt64BE(timescaleAt + 4)) : bytes.readUInt32BE(timescaleAt + 4);
  return timescale > 0 ? Math.round(duration / timescale) : null;
}

/** The payload range of the first box of `type` among the boxes in [from, to). */
function childBox(bytes: Buffer, from: number, to: number, type: string): { start: number; end: number } | null {
  let at = from;
  while (at + 8 <= to) {
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return null;
      size = Number(bytes.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return null;
    if (bytes.toString('latin1', at + 4, at + 8) === type) return { start: at + header, end: at + size };
    at += size;
  }
  return null;
}
