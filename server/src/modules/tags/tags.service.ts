import type { DataSource } from 'typeorm';
import { TAG_CODE_PATTERN, TAG_FAMILIES, type CreateTagRequest, type RenameTagRequest, type TagCode, type TagTreeView, type TagView } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import { Tag } from './tag.entity';

/** "family:code" with a code of letters, digits, _ or -: the shape every tag has on the wire. */

/** The tag tree (标签体系): seeded by the migration, extended by operators. */
export class TagsService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock, private readonly audit: AuditService) {}

  all(): Promise<Tag[]> {
    return this.dataSource.getRepository(Tag).find({ order: { family: 'ASC', sortOrder: 'ASC', code: 'ASC' } });
  }

  /** One root list per family; children under their parent, in sort order. */
  async tree(): Promise<TagTreeView> {
    const tags = await this.all();
    const views = new Map<string, TagView>(tags.map((t) => [t.code, { code: t.code, family: t.family, name: t.name, parentCode: t.parentCode, children: [] }]));
    const tree = Object.fromEntries(TAG_FAMILIES.map((f) => [f, [] as TagView[]])) as TagTreeView;
    for (const tag of tags) {
      const view = views.get(tag.code) as TagView;
      const parent = tag.parentCode ? views.get(tag.parentCode) : undefined;
      if (parent) parent.children.push(view);
      else tree[tag.family].push(view);
    }
    return tree;
  }

  /** Names by code, for presenting analytics and tag pickers. */
  async names(): Promise<Map<string, string>> {
    return new Map((await this.all()).map((t) => [t.code, t.name]));
  }

  /** Throws 400 naming every tag the tree does not have. */
  async assertKnown(codes: readonly string[], field = 'tags'): Promise<void> {
    if (codes.length === 0) return;
    const known = new Set((await this.all()).map((t) => t.code as string));
    const unknown = [...new Set(codes)].filter((c) => !known.has(c));
    if (unknown.length > 0) throw badRequest(unknown.map((c) => ({ field, reason: `没有标签 ${c}，请先在标签树里添加` })));
  }

  /** Operators add tags; the stage family is fixed at the eight sales stages. */
  async create(actor: StaffActor, request: CreateTagRequest): Promise<Tag> {
    if (request.family === 'stage') throw badRequest([{ field: 'family', reason: '八个销售阶段是固定的，请把标签加到其他类别' }]);
    const code = `${request.family}:${request.code}` as TagCode;
    if (!TAG_CODE_PATTERN.test(code)) throw badRequest([{ field: 'code', reason: '编码只能用字母、数字、_ 或 -，最多 40 个' }]);
    const repo = this.dataSource.getRepository(Tag);
    if (request.parentCode) {
      const parent = await repo.findOneBy({ code: request.parentCode });
      if (!parent) throw badRequest([{ field: 'parentCode', reason: `没有标签 ${request.parentCode}，请重新选择上级标签` }]);
      if (parent.family !== request.family) throw badRequest([{ field: 'parentCode', reason: '上级标签应属于同一类别' }]);
    }
    if (await repo.findOneBy({ code })) throw new AppError(409, 'tag_exists', `标签编码 ${code} 已存在，请换一个编码`);
    const last = await repo.createQueryBuilder('tag').select('MAX(tag.sort_order)', 'max').getRawOne<{ max: number | string | null }>();
    const actorId = actor.bootstrap ? null : actor.staffId;
    const tag = repo.create({
      code, family: request.family, name: request.name.trim(), parentCode: request.parentCode ?? null,
      sortOrder: Number(last?.max ?? 0) + 1, createdBy: actorId, createdAtMs: this.clock.nowMs(),
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Tag, tag);
      await this.audit.record({ actorId, action: 'tag.created', subjectType: 'tag', subjectId: code.slice(0, 36), detail: { code, name: tag.name } }, manager);
    });
    return tag;
  }

  /**
   * Renames a tag for display (typos, a branch's own wording). The code stays: content versions,
   * contacts' interests and analytics refer to it, so nothing else has to change. Audited with the
   * old and new names; the same name again changes nothing and writes nothing.
   */
  async rename(actor: StaffActor, code: string, request: RenameTagRequest): Promise<Tag> {
    const name = request.name.trim();
    if (name.length === 0) throw badRequest([{ field: 'name', reason: '名称不能为空' }]);
    const repo = this.dataSource.getRepository(Tag);
    const tag = await repo.findOneBy({ code: code as TagCode });
    if (!tag) throw notFound('tag');
    if (tag.name === name) return tag;
    const actorId = actor.bootstrap ? null : actor.staffId;
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Tag, { code: tag.code }, { name });
      await this.audit.record({ actorId, action: 'tag.renamed', subjectType: 'tag', subjectId: tag.code.slice(0, 36), detail: { code: tag.code, from: tag.name, to: name } }, manager);
    });
    return { ...tag, name };
  }
}

export const presentTag = (tag: Tag): TagView => ({ code: tag.code, family: tag.family, name: tag.name, parentCode: tag.parentCode, children: [] });
