import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FORBIDDEN_WORD_CATEGORY_NAMES_ZH, type ForbiddenWordHit, type ForbiddenWordView } from '@kejing/shared';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { SEC_CHECK_MAX_CHARS, type SecCheckRequest, type WeChatClient } from '../../wechat/wechat-client';
import type { AuditService } from '../audit/audit.service';
import { openidOfUser } from '../auth/queries/openid';
import { ComplianceWord } from './compliance-word.entity';
import { findForbiddenWords, htmlToText } from './forbidden-words';

/** The text of a version as the checks read it. */
export interface CheckedText {
  title: string;
  summary: string | null;
  bodyHtml: string | null;
  /** 朋友圈文案, which customers read in Moments. */
  momentsCopy?: string | null;
}

/** One text a customer may read, with the field it came in and its name in Chinese for refusals. */
export interface CustomerText {
  field: string;
  /** 名称, e.g. "名片简介": a refusal says where the word is. */
  label: string;
  text: string;
  /** Position in a list (a rule set's rules), when the field is one of many. */
  index?: number;
}

/** msgSecCheck's scene: 1 a profile (the agent's card), 2 a comment (a message), 3 a forum post (an article). */
export type SecCheckScene = SecCheckRequest['scene'];

/** A content version's title, summary and readable body, as the checks read them. */
function contentFields(text: CheckedText): CustomerText[] {
  const fields: CustomerText[] = [{ field: 'title', label: '标题', text: text.title }];
  if (text.summary) fields.push({ field: 'summary', label: '摘要', text: text.summary });
  if (text.bodyHtml) fields.push({ field: 'bodyHtml', label: '正文', text: htmlToText(text.bodyHtml) });
  if (text.momentsCopy) fields.push({ field: 'momentsCopy', label: '朋友圈文案', text: text.momentsCopy });
  return fields;
}

/** Splits text into pieces WeChat accepts, by code point so no character is cut in half. */
export function chunkForSecCheck(text: string, max = SEC_CHECK_MAX_CHARS): string[] {
  const chars = [...text];
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += max) chunks.push(chars.slice(i, i + max).join(''));
  return chunks;
}

export const presentForbiddenWord = (w: ComplianceWord): ForbiddenWordView => ({
  id: w.id, word: w.word, category: w.category, createdAt: new Date(w.createdAtMs).toISOString(),
});

/** The checks a text passes before a customer can read it: the operators' forbidden words, then WeChat's security check. */
/** The category's Chinese name for the person reading the refusal; an operator's own category reads as 其他. */
const categoryName = (category: string): string =>
  (FORBIDDEN_WORD_CATEGORY_NAMES_ZH as Record<string, string>)[category] ?? '其他';

export class ComplianceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly wechat: WeChatClient,
    private readonly audit: AuditService,
  ) {}

  listWords(): Promise<ComplianceWord[]> {
    return this.dataSource.getRepository(ComplianceWord).find({ order: { category: 'ASC', word: 'ASC' } });
  }

  async addWord(actor: StaffActor, word: string, category: string): Promise<ComplianceWord> {
    const repo = this.dataSource.getRepository(ComplianceWord);
    const trimmed = word.trim();
    if (await repo.findOneBy({ word: trimmed })) throw new AppError(409, 'word_exists', `“${trimmed}”已在禁用词列表中，无需重复添加`);
    const actorId = actor.bootstrap ? null : actor.staffId;
    const row = repo.create({ id: randomUUID(), word: trimmed, category, createdBy: actorId, createdAtMs: this.clock.nowMs() });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ComplianceWord, row);
      await this.audit.record({ actorId, action: 'forbidden_word.added', subjectType: 'compliance_word', subjectId: row.id, detail: { word: trimmed, category } }, manager);
    });
    return row;
  }

  async removeWord(actor: StaffActor, id: string): Promise<void> {
    const row = await this.dataSource.getRepository(ComplianceWord).findOneBy({ id });
    if (!row) throw notFound('forbidden_word');
    const actorId = actor.bootstrap ? null : actor.staffId;
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ComplianceWord, { id });
      await this.audit.record({ actorId, action: 'forbidden_word.removed', subjectType: 'compliance_word', subjectId: id, detail: { word: row.word } }, manager);
    });
  }

  /** Every forbidden word in the text, by field. */
  async forbiddenWordsIn(text: CheckedText): Promise<ForbiddenWordHit[]> {
    return findForbiddenWords(contentFields(text).map(({ field, text: t }) => ({ field: field as ForbiddenWordHit['field'], text: t })), await this.listWords());
  }

  /** 422 listing the offending words, field by field, when any is present. */
  async assertNoForbiddenWords(text: CheckedText): Promise<void> {
    await this.assertNoWordsIn(contentFields(text));
  }

  /**
   * WeChat's text security check (msgSecCheck) on the title and the readable text, in pieces
   * WeChat accepts. Only an explicit "pass" on every piece lets the text through: "review" and
   * "risky" are refused with 422, and a WeChat that cannot answer refuses with 503.
   */
  async assertWeChatPasses(text: CheckedText, submitterUserId: string | null): Promise<{ traceIds: string[] }> {
    const openid = await this.openidOf(submitterUserId);
    const readable = [text.summary ?? '', text.bodyHtml ? htmlToText(text.bodyHtml) : '', text.momentsCopy ?? ''].join('\n').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
    return this.secCheck([{ field: 'bodyHtml', label: '正文', text: readable.length > 0 ? readable : text.title }], openid, 3, text.title);
  }

  /**
   * The one check every text that can reach a customer passes, whichever door it comes through
   * (content, the agent's card, follow-up messages): the operators' forbidden words, then WeChat's
   * security check on behalf of the person publishing it. A refusal is 422 naming the words (or
   * WeChat's verdict) in Chinese, field by field, and is written to the audit log.
   */
  async assertPublishable(
    fields: CustomerText[],
    by: { actor: StaffActor; subjectType: string; subjectId: string; scene: SecCheckScene; passedBefore?: ReadonlySet<string> },
  ): Promise<{ traceIds: string[] }> {
    const present = fields.filter((f) => f.text.trim().length > 0);
    try {
      await this.assertNoWordsIn(present);
      // The word list may have grown since, so every text meets it again; WeChat's verdict on a text
      // already published stands, and asking again for each of a rule set's dozens would spend its quota.
      const unchecked = present.filter((f) => !by.passedBefore?.has(f.text));
      if (unchecked.length === 0) return { traceIds: [] };
      return await this.secCheck(unchecked, await this.openidOf(by.actor.userId), by.scene);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) {
        await this.audit.record({
          actorId: by.actor.bootstrap ? null : by.actor.staffId, action: 'compliance.refused', subjectType: by.subjectType, subjectId: by.subjectId,
          detail: { code: error.code, reason: error.message.slice(0, 300), fields: [...new Set((error.details ?? []).map((d) => d.field))].join(',').slice(0, 300) },
        });
      }
      throw error;
    }
  }

  private async assertNoWordsIn(fields: CustomerText[]): Promise<void> {
    // Matched by position: a rule set has many fields of the same name, one per rule.
    const hits = findForbiddenWords(fields.map((f, i) => ({ field: String(i), text: f.text })), await this.listWords());
    if (hits.length === 0) return;
    throw new AppError(
      422, 'forbidden_words', `合规检查未通过：含有禁用词 ${[...new Set(hits.map((h) => `“${h.word}”`))].join('、')}`,
      hits.map((h) => {
        const where = fields[Number(h.field)] as CustomerText;
        return { field: where.field, ...(where.index !== undefined ? { index: where.index } : {}), reason: `${where.label}含有禁用词“${h.word}”（${categoryName(h.category)}）` };
      }),
    );
  }

  private async openidOf(userId: string | null): Promise<string> {
    const openid = userId ? await openidOfUser(this.dataSource, userId) : null;
    if (!openid) {
      throw new AppError(403, 'wechat_identity_required');
    }
    return openid;
  }

  /** msgSecCheck on each field, in pieces WeChat accepts; the first call carries the title, if any. */
  private async secCheck(fields: CustomerText[], openid: string, scene: SecCheckScene, title?: string): Promise<{ traceIds: string[] }> {
    const traceIds: string[] = [];
    let first = true;
    for (const field of fields) {
      const pieces = chunkForSecCheck(field.text);
      for (const [i, content] of pieces.entries()) {
        const result = await this.wechat.msgSecCheck({ content, openid, scene, ...(first && title ? { title } : {}) });
        const onTitle = first && title !== undefined;
        first = false;
        if (result.traceId) traceIds.push(result.traceId);
        if (result.suggest !== 'pass') {
          throw new AppError(
            422, 'wechat_sec_check_failed',
            result.suggest === 'risky' ? `微信内容安全检测未通过（标签 ${result.label}），请修改后再提交` : `微信内容安全检测建议人工复核（标签 ${result.label}），未能通过`,
            [{
              field: onTitle && i === 0 ? 'title' : field.field, ...(field.index !== undefined ? { index: field.index } : {}),
              reason: `${onTitle && i === 0 ? '标题或' : ''}${field.label}未通过微信内容安全检测（${result.suggest === 'risky' ? '有风险' : '需人工复核'}，标签 ${result.label}，第 ${i + 1}/${pieces.length} 段），请修改后再提交`,
            }],
          );
        }
      }
    }
    return { traceIds };
  }
}
