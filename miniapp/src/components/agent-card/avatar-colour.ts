/** Colours a generated avatar may take: calm, readable under white text, distinct from each other. */
export const AVATAR_COLOURS = ['#c8102e', '#2f7d6d', '#3b5bab', '#b7791f', '#7a4fb5', '#1f7fa3', '#b3475f', '#4d7a2f'] as const

/** The colour of someone's generated avatar: the same person always gets the same one. */
export function avatarColour(seed: string): string {
  let hash = 0
  for (const ch of seed) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]
}
