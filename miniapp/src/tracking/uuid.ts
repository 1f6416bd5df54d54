import type { Random } from '../platform/ports'

const HEX = '0123456789abcdef'

/** RFC 4122 version-4 UUID from an injected random source (wx has no sync crypto RNG). */
export function uuidV4(random: Random): string {
  let out = ''
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      out += '-'
    } else if (i === 14) {
      out += '4'
    } else if (i === 19) {
      out += HEX[8 + Math.floor(random() * 4)]
    } else {
      out += HEX[Math.floor(random() * 16)]
    }
  }
  return out
}

/** A random source that prefers the platform's crypto RNG when there is one. */
export function defaultRandom(): Random {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto
  if (c && typeof c.getRandomValues === 'function') {
    const buf = new Uint32Array(1)
    return () => {
      c.getRandomValues!(buf)
      return buf[0] / 0x100000000
    }
  }
  return Math.random
}
