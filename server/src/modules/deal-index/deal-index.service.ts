/**
 * The deal index (成交指数) in the server: training from the company's closed contacts with the
 * ml-matrix fit, models stored with version and held-out evaluation, and each contact's score
 * explained — or, until a model is good enough, the stage prior, flagged as such.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  DEFAULT_DEAL_TRAINING_CONFIG, DEFAULT_STAGE_PRIOR_CONFIG, type DealModel, type DealTrainingConfig, type DealIndexView, estimateStagePriors,
  evaluateAuc, explainPrediction, isHeldOut, extractDealFeatures, predictDealProbability, type Stage, stagePrior, STAGE_NAMES_ZH, trainDealModel, type TrainingExample, type TrainingReadiness,
} from '@kejing/shared';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { StaffActor } from '../../permissions/actor';
import type { ContactsService } from '../contacts/contacts.service';
import { loadClosedContacts, loadDealHistories } from './deal-history-loader';
import { DealModelRow } from './deal-model.entity';
import { DealTrainingRun } from './deal-training-run.entity';
import { fitLogistic } from './fit-logistic';
import { presentModelDealIndex, presentPriorDealIndex, presentSettledDealIndex } from './deal-index.presenter';

export interface DealIndexConfig {
  training: DealTrainingConfig;
  /** A model whose held-out AUC is below this is stored but not used. */
  minAuc: number;
}

export const DEFAULT_DEAL_INDEX_CONFIG: DealIndexConfig = { training: DEFAULT_DEAL_TRAINING_CONFIG, minAuc: 0.6 };

export interface TrainingSummary {
  readiness: TrainingReadiness;
  modelVersion: string | null;
  active: boolean;
  auc: number | null;
  /** The same held-out contacts scored by the stage prior alone, for comparison. */
  stagePriorAuc: number | null;
  heldOut: number;
  trainN: number;
}

/** What moving a contact one stage on takes, for next actions under the prior. */
export const NEXT_STAGE_ACTION_ZH: Record<Exclude<Stage, 8>, string> = {
  1: '邀请客户查看名片或点咨询，建立双向互动',
  2: '分享一篇客户关心的保险内容，争取读过一半',
  3: '围绕客户关注的一类需求连续分享深度内容，或约一次咨询',
  4: '邀请客户填写需求表单（预算、被保险人、需求）',
  5: '为客户制作建议书',
  6: '把建议书递送给客户',
  7: '约客户面谈，处理异议，促成签单',
};

export class DealIndexService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly contacts: ContactsService,
    private readonly config: DealIndexConfig = DEFAULT_DEAL_INDEX_CONFIG,
  ) {}

  /** Trains on every closed contact; stores the run, and the model when there were enough outcomes. */
  async train(): Promise<TrainingSummary> {
    const nowMs = this.clock.nowMs();
    const closed = await loadClosedContacts(this.dataSource);
    const closedAt = new Map(closed.map((c) => [c.contactId, c.closedAtMs]));
    const histories = await loadDealHistories(this.dataSource, closed.map((c) => c.contactId), (id) => closedAt.get(id) ?? nowMs);
    const examples: TrainingExample[] = closed.map((c) => ({
      contactId: c.contactId,
      features: extractDealFeatures(histories.get(c.contactId) ?? { contactId: c.contactId, asOfMs: c.closedAtMs, touchpoints: [], stageEnteredAt: [], leads: [], referredByContactId: null }),
      won: c.won,
    }));
    const version = `deal-${new Date(nowMs).toISOString().replace(/[-:.]/g, '').slice(0, 15)}Z-${randomBytes(3).toString('hex')}`;
    const result = trainDealModel(examples, fitLogistic, { version, trainedAtMs: nowMs }, this.config.training);
    const summary = summarise(result.model, result.readiness, examples, this.config);
    await this.dataSource.transaction(async (manager) => {
      if (result.model) {
        await manager.insert(DealModelRow, {
          version, trainedAtMs: nowMs, active: summary.active, trainN: summary.trainN, holdoutN: summary.heldOut,
          aucPermille: summary.auc === null ? null : Math.round(1000 * summary.auc), model: result.model,
        });
      }
      await manager.insert(DealTrainingRun, {
        id: randomUUID(), ranAtMs: nowMs, ready: result.readiness.ready, outcomes: result.readiness.n, won: result.readiness.won, lost: result.readiness.lost,
        reasonZh: result.readiness.reasonZh.slice(0, 200), modelVersion: result.model ? version : null,
      });
    });
    this.logger.info('deal index trained', { version: summary.modelVersion, active: summary.active, auc: summary.auc, stagePriorAuc: summary.stagePriorAuc, n: result.readiness.n });
    return summary;
  }

  /** The newest model that passed the AUC bar, or null (then the stage prior applies). */
  async activeModel(): Promise<DealModel | null> {
    const row = await this.dataSource.getRepository(DealModelRow).findOne({ where: { active: true }, order: { trainedAtMs: 'DESC' } });
    return row?.model ?? null;
  }

  /**
   * P(won) of these open contacts by the active model, from their histories up to now; null while no
   * model is active (callers then use the stage prior, as the deal index itself does).
   */
  async modelLikelihoods(contactIds: readonly string[]): Promise<Map<string, number> | null> {
    if (contactIds.length === 0) return null;
    return (await this.modelProbabilities(contactIds))?.byContact ?? null;
  }

  /**
   * P(won) of these open contacts by the active model as of `asOfMs` (default now), with the model's
   * version so a figure built on them can say where they came from; null while no model is active.
   */
  async modelProbabilities(contactIds: readonly string[], asOfMs?: number): Promise<{ version: string; byContact: Map<string, number> } | null> {
    const model = await this.activeModel();
    if (!model) return null;
    const cutMs = asOfMs ?? this.clock.nowMs();
    const histories = contactIds.length > 0 ? await loadDealHistories(this.dataSource, contactIds, () => cutMs) : new Map<string, never>();
    return {
      version: model.version,
      byContact: new Map([...histories].map(([id, history]) => [id, predictDealProbability(model, extractDealFeatures(history)).probability])),
    };
  }

  /** P(won | reached stage) from the company's closed contacts, shrunk to the defaults. */
  async stagePriors(): Promise<Record<Stage, number>> {
    const closed = await loadClosedContacts(this.dataSource);
    return estimateStagePriors(closed.map((c) => ({ maxStage: c.maxStage, won: c.won })));
  }

  /** The deal index of one contact in the actor's scope (404 otherwise), explained. */
  async forContact(actor: StaffActor, contactId: string): Promise<DealIndexView> {
    const contact = await this.contacts.findInScope(actor, contactId);
    const stage = contact.stage;
    if (contact.outcome !== 'open') return presentSettledDealIndex(contactId, stage, contact.outcome);
    const model = await this.activeModel();
    if (model) {
      const nowMs = this.clock.nowMs();
      const history = (await loadDealHistories(this.dataSource, [contactId], () => nowMs)).get(contactId);
      const features = history ? extractDealFeatures(history) : {};
      return presentModelDealIndex(contactId, stage, explainPrediction(model, features), model);
    }
    const priors = await this.stagePriors();
    const config = { ...DEFAULT_STAGE_PRIOR_CONFIG, byStage: priors };
    const lastRun = await this.dataSource.getRepository(DealTrainingRun).findOne({ where: {}, order: { ranAtMs: 'DESC' } });
    const why = lastRun ? (lastRun.ready ? '最近一次学习的成交规律还不够准，先按销售阶段估算' : lastRun.reasonZh) : '还没有从成交记录中学习，先按销售阶段估算';
    const nextActions = stage < 8
      ? [{
          key: `stage_${stage + 1}`,
          actionZh: NEXT_STAGE_ACTION_ZH[stage as Exclude<Stage, 8>],
          probabilityAfter: priors[(stage + 1) as Stage],
          gain: Math.max(0, priors[(stage + 1) as Stage] - priors[stage]),
        }]
      : [];
    return presentPriorDealIndex(contactId, stage, stagePrior(stage, 'open', config).probability, `按阶段估算（${STAGE_NAMES_ZH[stage]}）：${why}`, nextActions);
  }
}

function summarise(model: DealModel | null, readiness: TrainingReadiness, examples: readonly TrainingExample[], config: DealIndexConfig): TrainingSummary {
  if (!model) return { readiness, modelVersion: null, active: false, auc: null, stagePriorAuc: null, heldOut: 0, trainN: 0 };
  const auc = model.evaluation.auc;
  return {
    readiness,
    modelVersion: model.version,
    active: auc !== null && auc >= config.minAuc,
    auc,
    stagePriorAuc: stageOnlyAuc(examples, config.training),
    heldOut: model.evaluation.n,
    trainN: model.evaluation.trainN ?? 0,
  };
}

/** AUC of the furthest stage reached alone on the same held-out contacts: the bar a model must clear. */
export function stageOnlyAuc(examples: readonly TrainingExample[], training: DealTrainingConfig): number | null {
  const held = examples.filter((e) => isHeldOut(e.contactId, training.holdoutShare, training.splitSalt));
  return evaluateAuc(held.map((e) => e.features.stage_max ?? 0), held.map((e) => e.won));
}
