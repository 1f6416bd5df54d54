import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ForbiddenWordHit, ForbiddenWordView } from '@kejing/shared';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { SEC_CHECK_MAX_CHARS, type WeChatClient } from '../../wechat/wechat-client';
import type { AuditService } from '../audit/audit.service';
import { User } from '../auth/user.entity';
import { ComplianceWord } from './compliance-word.entity';
import { findForbiddenWords, htmlToText } from './forbidden-words';

/** The text of a version as the checks read it. */
export interface CheckedText {
  title: string;
  summary: string | null;
  bodyHtml: string | null;
}

const FIELD_NAMES: Record<ForbiddenWordHit['field'], string> = { title: '标题', summary: '摘要', bodyHtml: '正文' };

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

/** The checks a text passes before review: the operators' forbidden words, then WeChat's security check. */
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
    if (await repo.findOneBy({ word: trimmed })) throw new AppError(409, 'word_exists', `"${trimmed}" is on the list already`);
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
    if (!row) throw notFound('forbidden word');
    const actorId = actor.bootstrap ? null : actor.staffId;
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ComplianceWord, { id });
      await this.audit.record({ actorId, action: 'forbidden_word.removed', subjectType: 'compliance_word', subjectId: id, detail: { word: row.word } }, manager);
    });
  }

  /** Every forbidden word in the text, by field. */
  async forbiddenWordsIn(text: CheckedText): Promise<ForbiddenWordHit[]> {
    const fields: { field: ForbiddenWordHit['field']; text: string }[] = [{ field: 'title', text: text.title }];
    if (text.summary) fields.push({ field: 'summary', text: text.summary });
    if (text.bodyHtml) fields.push({ field: 'bodyHtml', text: htmlToText(text.bodyHtml) });
    return findForbiddenWords(fields, await this.listWords());
  }

  /** 422 listing the offending words, field by field, when any is present. */
  async assertNoForbiddenWords(text: CheckedText): Promise<void> {
    const hits = await this.forbiddenWordsIn(text);
    if (hits.length === 0) return;
    throw new AppError(
      422, 'forbidden_words', `合规检查未通过：含有禁用词 ${[...new Set(hits.map((h) => `“${h.word}”`))].join('、')}`,
      hits.map((h) => ({ field: h.field, reason: `${FIELD_NAMES[h.field]}含有禁用词“${h.word}”（${h.category}）` })),
    );
  }

  /**
   * WeChat's text security check (msgSecCheck) on the title and the readable text, in pieces
   * WeChat accepts. Only an explicit "pass" on every piece lets the text through: "review" and
   * "risky" are refused with 422, and a WeChat that cannot answer refuses with 503.
   */
  async assertWeChatPasses(text: CheckedText, submitterUserId: string | null): Promise<{ traceIds: string[] }> {
    const openid = submitterUserId ? (await this.dataSource.getRepository(User).findOneBy({ id: submitterUserId }))?.openid : undefined;
    if (!openid) {
      throw new AppError(403, 'wechat_identity_required', "submitting needs an operator signed in with WeChat: WeChat's content check is made on behalf of a WeChat user");
    }
    const readable = [text.summary ?? '', text.bodyHtml ? htmlToText(text.bodyHtml) : ''].join('\n').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
    const pieces = chunkForSecCheck(readable.length > 0 ? readable : text.title);
    const traceIds: string[] = [];
    for (const [i, content] of pieces.entries()) {
      const result = await this.wechat.msgSecCheck({ content, openid, scene: 3, ...(i === 0 ? { title: text.title } : {}) });
      if (result.traceId) traceIds.push(result.traceId);
      if (result.suggest !== 'pass') {
        throw new AppError(
          422, 'wechat_sec_check_failed',
          result.suggest === 'risky' ? `微信内容安全检测未通过（标签 ${result.label}），请修改后再提交` : `微信内容安全检测建议人工复核（标签 ${result.label}），未能通过`,
          [{ field: i === 0 ? 'title' : 'bodyHtml', reason: `WeChat answered ${result.suggest} (label ${result.label}) on part ${i + 1} of ${pieces.length}` }],
        );
      }
    }
    return { traceIds };
  }
}
