import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreateOrgUnitRequest, OrgUnitKind, OrgUnitView } from '@kejing/shared';
import { badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { OrgUnit } from './org-unit.entity';

const ORG_KIND_ZH: Record<OrgUnitKind, string> = { company: '公司', branch: '分公司', team: '团队' };

const PARENT_KIND = { company: null, branch: 'company', team: 'branch' } as const;

export const presentOrgUnit = (unit: OrgUnit): OrgUnitView => ({ id: unit.id, kind: unit.kind, name: unit.name, parentId: unit.parentId });

/** The organisation tree: company → branch → team. */
export class OrgService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  async create(request: CreateOrgUnitRequest): Promise<OrgUnit> {
    const repo = this.dataSource.getRepository(OrgUnit);
    const wantedParent = PARENT_KIND[request.kind];
    let parent: OrgUnit | null = null;
    if (wantedParent) {
      if (!request.parentId) throw badRequest([{ field: 'parentId', reason: `${ORG_KIND_ZH[request.kind]}须挂在某个${ORG_KIND_ZH[wantedParent]}下，请选择上级组织` }]);
      parent = await repo.findOneBy({ id: request.parentId });
      if (!parent) throw notFound('org_unit');
      if (parent.kind !== wantedParent) throw badRequest([{ field: 'parentId', reason: `${ORG_KIND_ZH[request.kind]}的上级应为${ORG_KIND_ZH[wantedParent]}，请重新选择` }]);
    } else if (request.parentId) {
      throw badRequest([{ field: 'parentId', reason: '公司是最上级，不能选上级组织' }]);
    }
    const id = randomUUID();
    const unit = repo.create({
      id, kind: request.kind, name: request.name, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, createdAtMs: this.clock.nowMs(),
    });
    return repo.save(unit);
  }

  list(): Promise<OrgUnit[]> {
    return this.dataSource.getRepository(OrgUnit).find({ order: { path: 'ASC' } });
  }

  /** The company an org unit belongs to (the first segment of its path). */
  async companyOf(orgUnitId: string): Promise<OrgUnit | null> {
    const repo = this.dataSource.getRepository(OrgUnit);
    const unit = await repo.findOneBy({ id: orgUnitId });
    const companyId = unit?.path.split('/')[1];
    return companyId ? repo.findOneBy({ id: companyId }) : null;
  }
}
