import { type ContactAssetInput, DEFAULT_ASSETS_CONFIG, forecastPremium, measureAgentAssets, measureCustomerValue, measureSustainableDevelopment } from './assets';

const contact = (over: Partial<ContactAssetInput> & { contactId: string }): ContactAssetInput => ({
  agentId: 'a1',
  cell: 'low-low',
  stage: 1,
  outcome: 'open',
  referralClass: 'indifferent',
  centreOfInfluence: false,
  closeProbability: 0,
  budgetFen: null,
  ...over,
});

// Average premium of the agent: 3,000 yuan = 300,000 fen.
const AVG_FEN = 300_000;
const contacts: ContactAssetInput[] = [
  contact({ contactId: 'c1', cell: 'high-high', stage: 7, closeProbability: 0.5, budgetFen: 1_000_000, referralClass: 'active_promoter', centreOfInfluence: true }),
  contact({ contactId: 'c2', cell: 'mid-low', stage: 3, closeProbability: 0.2, referralClass: 'passive_promoter' }),
  contact({ contactId: 'c3', cell: 'low-mid', stage: 8, outcome: 'won', closeProbability: 1, budgetFen: 500_000, referralClass: 'active_promoter' }),
  contact({ contactId: 'c4', cell: 'high-mid', stage: 8, outcome: 'lost', closeProbability: 0, referralClass: 'negative' }),
  contact({ contactId: 'c5', cell: 'low-low', stage: 1, closeProbability: 0.1, budgetFen: 0 }),
];

describe('cell points', () => {
  it.each([
    ['low-low', 1],
    ['mid-low', 2],
    ['high-mid', 6],
    ['high-high', 9],
  ] as const)('%s is worth %i', (cell, points) => {
    expect(DEFAULT_ASSETS_CONFIG.cellPoints[cell]).toBe(points);
  });
});

describe('measureAgentAssets', () => {
  const assets = () => measureAgentAssets(contacts, AVG_FEN);

  it('counts every contact in the grid, lost included', () => {
    const { grid, contacts: n } = assets().customerValue;
    expect(n).toBe(5);
    expect(grid['high-high'] + grid['mid-low'] + grid['low-mid'] + grid['high-mid'] + grid['low-low']).toBe(5);
    expect(grid['mid-mid']).toBe(0);
  });

  it('values contacts by cell, won customers at 9, lost at nothing', () => {
    // c1 high-high 9 + c2 mid-low 2 + c3 won 9 + c5 low-low 1 = 21 over 4 contacts not lost
    expect(assets().customerValue.valuePoints).toBe(21);
    expect(assets().customerValue.valuePerContact).toBe(5.25);
  });

  it('forecasts premium from budgets, else the average, over open contacts only', () => {
    // c1 0.5 × 1,000,000 = 500,000; c2 0.2 × 300,000 = 60,000; c5 budget 0 → 0.1 × 300,000 = 30,000
    expect(assets().premiumForecast).toEqual({ forecastFen: 590_000, openContacts: 3, fromBudget: 1, fromAverage: 2 });
  });

  it('reports the referral distribution, centres of influence and promoter share', () => {
    // promoters c1, c2, c3 = 3 of 5 = 60 %
    expect(assets().sustainableDevelopment).toEqual({
      referral: { negative: 1, indifferent: 1, passive_promoter: 1, active_promoter: 2 },
      centresOfInfluence: 1,
      promoterPct: 60,
    });
  });

  it('is all zeros for an agent with no contacts', () => {
    const empty = measureAgentAssets([], AVG_FEN);
    expect(empty.customerValue.valuePerContact).toBe(0);
    expect(empty.premiumForecast.forecastFen).toBe(0);
    expect(empty.sustainableDevelopment.promoterPct).toBe(0);
  });
});

describe('forecastPremium', () => {
  it.each([
    [1.5, 300_000], // probabilities above 1 are clamped
    [-0.2, 0],
  ])('clamps P(close) %d', (p, fen) => {
    expect(forecastPremium([contact({ contactId: 'x', closeProbability: p })], AVG_FEN).forecastFen).toBe(fen);
  });
});

describe('asset edges', () => {
  it('prices every cell as trust rank × intent rank', () => {
    expect(DEFAULT_ASSETS_CONFIG.cellPoints).toEqual({
      'low-low': 1, 'low-mid': 2, 'low-high': 3,
      'mid-low': 2, 'mid-mid': 4, 'mid-high': 6,
      'high-low': 3, 'high-mid': 6, 'high-high': 9,
    });
    expect(DEFAULT_ASSETS_CONFIG.wonPoints).toBe(9);
  });

  it('values a won customer at wonPoints whatever its cell, from the config', () => {
    const won = [contact({ contactId: 'w', cell: 'low-low', outcome: 'won' }), contact({ contactId: 'o', cell: 'mid-mid' })];
    expect(measureCustomerValue(won, { ...DEFAULT_ASSETS_CONFIG, wonPoints: 20 })).toMatchObject({ valuePoints: 24, valuePerContact: 12 });
  });

  it('rounds the forecast to whole fen and leaves settled deals out', () => {
    const list = [
      contact({ contactId: 'a', closeProbability: 1 / 3, budgetFen: 100 }),
      contact({ contactId: 'w', outcome: 'won', closeProbability: 1, budgetFen: 9_999 }),
      contact({ contactId: 'l', outcome: 'lost', closeProbability: 0.5, budgetFen: 9_999 }),
    ];
    expect(forecastPremium(list, AVG_FEN)).toEqual({ forecastFen: 33, openContacts: 1, fromBudget: 1, fromAverage: 0 });
  });

  it('a negative budget is no budget: the average premium is used', () => {
    expect(forecastPremium([contact({ contactId: 'n', closeProbability: 0.5, budgetFen: -100 })], AVG_FEN)).toEqual({
      forecastFen: 150_000, openContacts: 1, fromBudget: 0, fromAverage: 1,
    });
  });

  it('counts centres of influence by their flag, and passive and active promoters as promoters', () => {
    const list = [
      contact({ contactId: 'p', referralClass: 'passive_promoter' }),
      contact({ contactId: 'a', referralClass: 'active_promoter', centreOfInfluence: true }),
      contact({ contactId: 'i', referralClass: 'indifferent' }),
      contact({ contactId: 'n', referralClass: 'negative' }),
    ];
    expect(measureSustainableDevelopment(list)).toEqual({
      referral: { negative: 1, indifferent: 1, passive_promoter: 1, active_promoter: 1 },
      centresOfInfluence: 1,
      promoterPct: 50,
    });
  });
});
