import { type ContentStudyRecord, needFamiliesOf, profileKnowledge, scoreKnowledge } from './kash-knowledge';

const records: ContentStudyRecord[] = [
  { itemId: 'i1', tags: ['need:critical_illness'], studiedDepthPct: 100, shares: 2 },
  { itemId: 'i2', tags: ['need:critical_illness', 'stage:4'], studiedDepthPct: 70, shares: 0 },
  { itemId: 'i3', tags: ['need:critical_illness', 'need:medical'], studiedDepthPct: 60, shares: 0 },
  { itemId: 'i4', tags: ['need:medical'], studiedDepthPct: 59, shares: 1 },
  { itemId: 'i5', tags: ['need:life', 'audience:mothers'], studiedDepthPct: 0, shares: 3 },
  { itemId: 'i6', tags: ['audience:mothers'], studiedDepthPct: 100, shares: 1 },
];

describe('needFamiliesOf', () => {
  it('keeps need tags only, once each', () => {
    expect(needFamiliesOf(['need:medical', 'audience:x', 'need:medical', 'stage:3'])).toEqual(['medical']);
  });
});

describe('profileKnowledge', () => {
  it('counts studied items (read ≥ 60 %) and shares per need family', () => {
    const profile = profileKnowledge(records);
    // CI: i1, i2, i3 studied, shares 2; medical: i3 studied (i4 at 59 % is not), shares 1; life: shares 3
    expect(profile.critical_illness).toEqual({ studiedItems: 3, shares: 2 });
    expect(profile.medical).toEqual({ studiedItems: 1, shares: 1 });
    expect(profile.life).toEqual({ studiedItems: 0, shares: 3 });
    expect(profile.annuity).toEqual({ studiedItems: 0, shares: 0 });
  });
});

describe('scoreKnowledge', () => {
  it.each([
    // breadth 2/5 = 0.4; depth (min(1, 3/3) + 1/3) / 2 = 2/3; sharing 3 families / 5 = 0.6
    // 100 × (0.4 × 0.4 + 0.3 × 2/3 + 0.3 × 0.6) = 16 + 20 + 18 = 54
    ['the fixture', records, 54],
    ['nothing studied or shared', [], 0],
    // breadth 1/5 = 0.2, depth 1/3, sharing 0 → 100 × (0.08 + 0.1) = 18
    ['one item read', [{ itemId: 'x', tags: ['need:accident'], studiedDepthPct: 100, shares: 0 }], 18],
  ] as [string, ContentStudyRecord[], number][])('%s → %d', (_name, input, expected) => {
    expect(scoreKnowledge(input).score).toBe(expected);
  });
});

describe('knowledge edges', () => {
  it('counts an operator-added need family too', () => {
    expect(profileKnowledge([{ itemId: 'p', tags: ['need:pets'], studiedDepthPct: 60, shares: 2 }]).pets).toEqual({ studiedItems: 1, shares: 2 });
  });

  it('caps breadth, depth and sharing at their targets', () => {
    const many: ContentStudyRecord[] = ['critical_illness', 'medical', 'accident', 'life', 'annuity', 'education'].flatMap((need) =>
      [1, 2, 3, 4].map((i) => ({ itemId: `${need}${i}`, tags: [`need:${need}`], studiedDepthPct: 100, shares: 1 })),
    );
    const index = scoreKnowledge(many);
    expect(index.components.map((c) => [c.key, c.value])).toEqual([['breadth', 1], ['depth', 1], ['sharing', 1]]);
    expect(index.score).toBe(100);
    expect(index.components.map((c) => c.detail)).toEqual([
      { familiesStudied: 6, target: 5 },
      { itemsStudied: 24, perFamilyTarget: 3 },
      { familiesShared: 6, target: 5 },
    ]);
  });

  it('reads the study depth, targets and weights from the config', () => {
    const config = { studiedDepthPct: 90, breadthTargetFamilies: 2, itemsPerFamilyTarget: 1, weights: { breadth: 1, depth: 0, sharing: 0 } };
    expect(scoreKnowledge([{ itemId: 'x', tags: ['need:life'], studiedDepthPct: 89, shares: 0 }], config).score).toBe(0);
    expect(scoreKnowledge([{ itemId: 'x', tags: ['need:life'], studiedDepthPct: 90, shares: 0 }], config).score).toBe(50);
  });
});
