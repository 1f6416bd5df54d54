import { mp4DurationSec, sniffVideo } from './video-kind';

/** One ISO-BMFF box: a 32-bit size, a four-letter type and the payload. */
const box = (type: string, ...payload: Buffer[]) => {
  const body = Buffer.concat(payload);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(8 + body.length);
  return Buffer.concat([size, Buffer.from(type, 'latin1'), body]);
};
const ftyp = (brand: string) => box('ftyp', Buffer.from(brand, 'latin1'), Buffer.alloc(4), Buffer.from('isommp41', 'latin1'));
/** A version-0 movie header: 32-bit times, then timescale and duration. */
const mvhd0 = (timescale: number, duration: number) => {
  const fields = Buffer.alloc(4 + 8 + 8 + 80);
  fields.writeUInt32BE(timescale, 12);
  fields.writeUInt32BE(duration, 16);
  return box('mvhd', fields);
};
/** A version-1 movie header: 64-bit times and a 64-bit duration. */
const mvhd1 = (timescale: number, duration: number) => {
  const fields = Buffer.alloc(4 + 16 + 12 + 80);
  fields[0] = 1;
  fields.writeUInt32BE(timescale, 20);
  fields.writeBigUInt64BE(BigInt(duration), 24);
  return box('mvhd', fields);
};

describe('MP4 by its bytes', () => {
  it.each(['isom', 'mp42', 'avc1', 'M4V '])('takes the %s brand as MP4', (brand) => {
    expect(sniffVideo(ftyp(brand))).toBe('video/mp4');
  });

  it.each([['QuickTime', 'qt  '], ['HEIF image', 'heic'], ['AVIF image', 'avif'], ['3GP', '3gp4']])('refuses a %s though it shares the box format', (_name, brand) => {
    expect(sniffVideo(ftyp(brand))).toBeNull();
  });

  it('refuses bytes without an ftyp box first', () => {
    expect(sniffVideo(Buffer.from('<html><body>not a video</body></html>'))).toBeNull();
    expect(sniffVideo(Buffer.alloc(8))).toBeNull();
  });
});

describe('the running time from the movie header', () => {
  it('reads a version-0 header placed first (faststart), rounding to whole seconds', () => {
    expect(mp4DurationSec(Buffer.concat([ftyp('isom'), box('moov', mvhd0(1000, 186_400)), box('mdat', Buffer.alloc(64))]))).toBe(186);
  });

  it('finds the header after the media data (no faststart) and reads a version-1 header', () => {
    expect(mp4DurationSec(Buffer.concat([ftyp('isom'), box('mdat', Buffer.alloc(300)), box('moov', box('trak'), mvhd1(90_000, 90_000 * 3600))]))).toBe(3600);
  });

  it('answers null without a movie header, with a zero timescale, or when a box claims more bytes than there are', () => {
    expect(mp4DurationSec(Buffer.concat([ftyp('isom'), box('mdat', Buffer.alloc(16))]))).toBeNull();
    expect(mp4DurationSec(Buffer.concat([ftyp('isom'), box('moov', mvhd0(0, 100))]))).toBeNull();
    const truncated = Buffer.concat([ftyp('isom'), box('moov', mvhd0(1000, 5000))]).subarray(0, 60);
    expect(mp4DurationSec(truncated)).toBeNull();
  });
});
