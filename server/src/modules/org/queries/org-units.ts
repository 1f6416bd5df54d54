import { In, type DataSource, type EntityManager } from 'typeorm';
import { OrgUnit } from '../org-unit.entity';

/**
 * What other modules read of the org tree, by name: a unit's id, kind, name, parent and path
 * ("/company/branch/team/", so subtree scoping is one LIKE).
 */
export type OrgUnitRow = Pick<OrgUnit, 'id' | 'kind' | 'name' | 'parentId' | 'path'>;

type Db = DataSource | EntityManager;

export function orgUnitById(db: Db, id: string): Promise<OrgUnitRow | null> {
  return db.getRepository(OrgUnit).findOneBy({ id });
}

/** The units among these ids that exist. */
export function orgUnitsByIds(db: Db, ids: readonly string[]): Promise<OrgUnitRow[]> {
  return ids.length === 0 ? Promise.resolve([]) : db.getRepository(OrgUnit).findBy({ id: In([...ids]) });
}

export function allOrgUnits(db: Db): Promise<OrgUnitRow[]> {
  return db.getRepository(OrgUnit).find();
}

/** A unit's direct children (a company's branches, a branch's teams), by name. */
export function childOrgUnits(db: Db, parentId: string): Promise<OrgUnitRow[]> {
  return db.getRepository(OrgUnit).find({ where: { parentId }, order: { name: 'ASC' } });
}
