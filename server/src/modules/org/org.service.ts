import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreateOrgUnitRequest, OrgUnitView } from '@kejing/shared';
import { badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { OrgUnit } from './org-unit.entity';

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
      if (!request.parentId) throw badRequest([{ field: 'parentId', reason: `a ${request.kind} needs a ${wantedParent} as parent` }]);
      parent = await repo.findOneBy({ id: request.parentId });
      if (!parent) throw notFound('parent org unit');
      if (parent.kind !== wantedParent) throw badRequest([{ field: 'parentId', reason: `a ${request.kind}'s parent must be a ${wantedParent}` }]);
    } else if (request.parentId) {
      throw badRequest([{ field: 'parentId', reason: 'a company has no parent' }]);
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
