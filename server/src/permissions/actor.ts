import type { StaffRole } from '@kejing/shared';

/** A logged-in staff member (or the bootstrap admin), with where they sit in the org tree. */
export interface StaffActor {
  kind: 'staff';
  userId: string | null;
  staffId: string;
  role: StaffRole;
  orgUnitId: string;
  /** The org unit's materialised path, e.g. "/company/branch/team/". */
  orgPath: string;
  /** True for the configured bootstrap token, before any admin has bound WeChat. */
  bootstrap: boolean;
}

/** Anyone with a WeChat session: customers reading shares are viewers. */
export interface ViewerActor {
  kind: 'viewer';
  userId: string;
}

export const BOOTSTRAP_ADMIN: StaffActor = {
  kind: 'staff', userId: null, staffId: '00000000-0000-4000-8000-000000000000', role: 'admin', orgUnitId: '', orgPath: '/', bootstrap: true,
};
