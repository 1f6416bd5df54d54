import type { DataSource } from 'typeorm';
import type { PersonaTemplateView } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService, CustomerText } from '../content/compliance.service';
import { PersonaTemplateRow } from './persona-template.entity';

const CODE_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;
const PLACEHOLDERS = new Set(['{姓名}', '{公司}']);
const MAX_TEMPLATES = 12;

const present = (row: PersonaTemplateRow): PersonaTemplateView => ({ code: row.code, name: row.name, introTemplate: row.introTemplate });

/**
 * Persona templates for the agent card (千星计划), kept by operators. The intro a template gives
 * ends up on the card customers read, so names and intros pass the one compliance check; an
 * agent's card may name only a template that exists.
 */
export class PersonaTemplatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PersonaTemplateView[]> {
    return (await this.dataSource.getRepository(PersonaTemplateRow).find({ order: { position: 'ASC', code: 'ASC' } })).map(present);
  }

  /** A card may name only a template that exists (400 on personaTemplate otherwise). */
  async assertKnown(code: string | undefined): Promise<void> {
    if (code === undefined) return;
    if (!(await this.dataSource.getRepository(PersonaTemplateRow).existsBy({ code }))) throw badRequest([{ field: 'personaTemplate', reason: '没有这个名片模板' }]);
  }

  /** Replaces the whole list, in order, after validating each template (index, field and reason in Chinese). */
  async replace(actor: StaffActor, templates: PersonaTemplateView[]): Promise<PersonaTemplateView[]> {
    const errors: { field: string; reason: string }[] = [];
    if (templates.length === 0 || templates.length > MAX_TEMPLATES) errors.push({ field: 'templates', reason: `须有1到${MAX_TEMPLATES}个模板` });
    const seen = new Set<string>();
    templates.forEach((t, i) => {
      const at = `templates[${i}]`;
      if (!CODE_PATTERN.test(t.code)) errors.push({ field: `${at}.code`, reason: '代码须为小写字母开头的字母、数字或下划线（2–32位）' });
      else if (seen.has(t.code)) errors.push({ field: `${at}.code`, reason: `代码「${t.code}」重复` });
      seen.add(t.code);
      if (t.name.trim().length === 0 || t.name.length > 20) errors.push({ field: `${at}.name`, reason: '名称须为1到20个字' });
      if (t.introTemplate.trim().length === 0 || t.introTemplate.length > 300) errors.push({ field: `${at}.introTemplate`, reason: '简介模板须为1到300个字' });
      const unknown = (t.introTemplate.match(/\{[^}]*\}/g) ?? []).filter((p) => !PLACEHOLDERS.has(p));
      if (unknown.length > 0) errors.push({ field: `${at}.introTemplate`, reason: `只能使用{姓名}和{公司}占位，不认识：${[...new Set(unknown)].join('、')}` });
    });
    if (errors.length > 0) throw badRequest(errors, '名片模板有误');
    const texts: CustomerText[] = templates.flatMap((t, index) => [
      { field: 'name', label: '模板名称', text: t.name, index },
      // Checked with the placeholders blank: the words around them are what customers read.
      { field: 'introTemplate', label: '简介模板', text: t.introTemplate.replace(/\{(姓名|公司)\}/g, ''), index },
    ]);
    await this.compliance.assertPublishable(texts, { actor, subjectType: 'persona_template', subjectId: 'all', scene: 1 });
    const nowMs = this.clock.nowMs();
    await this.dataSource.transaction(async (manager) => {
      // Not clear(): TRUNCATE commits on its own on MariaDB, outside this transaction.
      await manager.createQueryBuilder().delete().from(PersonaTemplateRow).execute();
      await manager.insert(PersonaTemplateRow, templates.map((t, position) => ({ code: t.code, name: t.name.trim(), introTemplate: t.introTemplate.trim(), position, updatedAtMs: nowMs })));
      await this.audit.record({
        actorId: actor.bootstrap ? null : actor.staffId, action: 'persona_templates.replaced', subjectType: 'persona_template', subjectId: 'all',
        detail: { codes: templates.map((t) => t.code).join(',') },
      }, manager);
    });
    return this.list();
  }
}
