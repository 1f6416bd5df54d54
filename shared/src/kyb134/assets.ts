/**
 * KYB134 "3": an agent's three assets, taken from the KYC1984 customer data.
 *
 * - Customer value (客户价值): the nine-cell grid distribution, and a value figure. Each contact
 *   not lost is worth `cellPoints[cell]` points: the trust band's rank times the intent band's
 *   rank (low 1, mid 2, high 3), so low-low = 1, high-mid = 6, high-high = 9. A won customer
 *   is worth `wonPoints` (they buy again and refer). The figure is the sum; the mean per
 *   contact is reported beside it so agents with different list sizes compare.
 * - Premium forecast (保费预测): Σ over open contacts of P(close) × expected premium, where
 *   the expected premium is the budget from the lead form, else the agent's average premium.
 *   Won and lost contacts are settled and add nothing.
 * - Sustainable development (可持续发展): the referral distribution (4-step scale), the count
 *   of centres of influence (影响力中心), and the share of promoters (passive + active).
 */
import {
  BANDS,
  type Band,
  type DealOutcome,
  GRID_CELLS,
  type GridCellCode,
  REFERRAL_CLASSES,
  type ReferralClass,
  type Stage,
} from '../contracts';
import { clamp, ratio } from './stats';

/** What the asset figures need to know about one contact. */
export interface ContactAssetInput {
  contactId: string;
  agentId: string;
  cell: GridCellCode;
  stage: Stage;
  outcome: DealOutcome;
  referralClass: ReferralClass;
  /** An active promoter whose forwards brought engaged new contacts (影响力中心). */
  centreOfInfluence: boolean;
  /** Deal index or stage prior, 0..1. */
  closeProbability: number;
  /** Budget from the lead form, in fen; null when none was given. */
  budgetFen: number | null;
}

const bandRank = (b: Band): number => BANDS.indexOf(b) + 1;

export interface AssetsConfig {
  /** Value points of one open contact in each grid cell. */
  cellPoints: Record<GridCellCode, number>;
  /** Value points of one won customer. */
  wonPoints: number;
}

export const DEFAULT_ASSETS_CONFIG: AssetsConfig = {
  cellPoints: Object.fromEntries(
    GRID_CELLS.map((cell) => {
      const [trust, intent] = cell.split('-') as [Band, Band];
      return [cell, bandRank(trust) * bandRank(intent)];
    }),
  ) as Record<GridCellCode, number>,
  wonPoints: 9,
};

export interface CustomerValue {
  /** Contacts per grid cell (every contact, lost included: the grid is the whole list). */
  grid: Record<GridCellCode, number>;
  contacts: number;
  /** Σ value points over contacts not lost. */
  valuePoints: number;
  /** valuePoints / contacts not lost; 0 when there are none. */
  valuePerContact: number;
}

export interface PremiumForecast {
  /** Σ P(close) × expected premium over open contacts, rounded to whole fen. */
  forecastFen: number;
  openContacts: number;
  /** Open contacts whose expected premium came from their own budget. */
  fromBudget: number;
  /** Open contacts priced at the agent's average premium. */
  fromAverage: number;
}

export interface SustainableDevelopment {
  referral: Record<ReferralClass, number>;
  centresOfInfluence: number;
  /** (passive + active promoters) / contacts, 0..100. */
  promoterPct: number;
}

export interface AgentAssets {
  customerValue: CustomerValue;
  premiumForecast: PremiumForecast;
  sustainableDevelopment: SustainableDevelopment;
}

/** Grid distribution and value figure of a list of contacts. */
export function measureCustomerValue(
  contacts: readonly ContactAssetInput[],
  config: AssetsConfig = DEFAULT_ASSETS_CONFIG,
): CustomerValue {
  const grid = Object.fromEntries(GRID_CELLS.map((c) => [c, 0])) as Record<GridCellCode, number>;
  let valuePoints = 0;
  let valued = 0;
  for (const c of contacts) {
    grid[c.cell] += 1;
    if (c.outcome === 'lost') continue;
    valued += 1;
    valuePoints += c.outcome === 'won' ? config.wonPoints : config.cellPoints[c.cell];
  }
  return { grid, contacts: contacts.length, valuePoints, valuePerContact: ratio(valuePoints, valued) };
}

/** Σ P(close) × expected premium over open contacts (budget, else the agent's average premium). */
export function forecastPremium(
  contacts: readonly ContactAssetInput[],
  agentAveragePremiumFen: number,
): PremiumForecast {
  let total = 0;
  let fromBudget = 0;
  let fromAverage = 0;
  let openContacts = 0;
  for (const c of contacts) {
    if (c.outcome !== 'open') continue;
    openContacts += 1;
    const useBudget = c.budgetFen !== null && c.budgetFen > 0;
    if (useBudget) fromBudget += 1;
    else fromAverage += 1;
    total += clamp(c.closeProbability, 0, 1) * (useBudget ? (c.budgetFen as number) : agentAveragePremiumFen);
  }
  return { forecastFen: Math.round(total), openContacts, fromBudget, fromAverage };
}

/** Referral distribution, centres of influence and promoter share of a list of contacts. */
export function measureSustainableDevelopment(contacts: readonly ContactAssetInput[]): SustainableDevelopment {
  const referral = Object.fromEntries(REFERRAL_CLASSES.map((r) => [r, 0])) as Record<ReferralClass, number>;
  let centresOfInfluence = 0;
  for (const c of contacts) {
    referral[c.referralClass] += 1;
    if (c.centreOfInfluence) centresOfInfluence += 1;
  }
  const promoters = referral.passive_promoter + referral.active_promoter;
  return { referral, centresOfInfluence, promoterPct: 100 * ratio(promoters, contacts.length) };
}

/** The three assets of one agent (or any group) from their contacts. */
export function measureAgentAssets(
  contacts: readonly ContactAssetInput[],
  agentAveragePremiumFen: number,
  config: AssetsConfig = DEFAULT_ASSETS_CONFIG,
): AgentAssets {
  return {
    customerValue: measureCustomerValue(contacts, config),
    premiumForecast: forecastPremium(contacts, agentAveragePremiumFen),
    sustainableDevelopment: measureSustainableDevelopment(contacts),
  };
}
