import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { In, IsNull, LessThan } from 'typeorm';
import {
  IMPORT_FILE_MAX_BYTES, IMPORT_PROBLEMS_LISTED, IMPORT_ROW_OUTCOMES, IMPORT_ROWS_MAX, IMPORT_SAMPLE_ROWS, ImportFormat, ImportJobView, ImportMappingEntry,
  ImportPreviewView, ImportRowOutcome,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { retryWhileBusy } from '../../lib/retry-while-busy';
import type { Logger } from '../../lib/logger';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { AnyImportKind, ImportColumn, RowResult } from './import-kind';
import { ImportJob } from './import-job.entity';
import { ImportRow } from './import-row.entity';
import { readTable } from './tabular-file';
import type { ImportCommitDto, ImportUploadDto } from './imports.dto';

/** Rows committed per step: progress moves in these, and a crash loses at most one step's bookkeeping. */
const CHUNK_ROWS = 100;
/** Rows stored per transaction: one commit (and fsync) per row made MariaDB ~4× slower. */
const ROWS_PER_TRANSACTION = 25;
/** How long a running job is held by the process working on it without a renewal. */
const LEASE_MS = 60_000;
/** How long an uncommitted preview (and the cells it holds) is kept. */
const PREVIEW_KEPT_MS = 24 * 3600_000;

const emptyCounts = (): Record<ImportRowOutcome, number> => Object.fromEntries(IMPORT_ROW_OUTCOMES.map((o) => [o, 0])) as Record<ImportRowOutcome, number>;
// Headers are compared without spaces, brackets, asterisks (required marks) and case.
const normalise = (text: string) => text.toLowerCase().replace(/[\s*＊()（）[\]【】:：]/g, '');

/** The mapping a file's headers suggest: a header equal to a column's label or alias, else one containing it. */
export function suggestMapping(columns: readonly ImportColumn[], headers: string[]): ImportMappingEntry[] {
  const names = headers.map(normalise);
  const used = new Set<number>();
  const find = (column: ImportColumn, loose: boolean): number | null => {
    const wanted = [column.label, ...column.aliases].map(normalise);
    const index = names.findIndex((h, i) => !used.has(i) && h !== '' && wanted.some((w) => (loose ? w.length >= 2 && h.includes(w) : h === w)));
    return index < 0 ? null : index;
  };
  const exact = columns.map((c) => {
    const header = find(c, false);
    if (header !== null) used.add(header);
    return header;
  });
  return columns.map((c, i) => {
    if (exact[i] !== null) return { column: c.key, header: exact[i] };
    const header = find(c, true);
    if (header !== null) used.add(header);
    return { column: c.key, header };
  });
}

/**
 * Tabular import (CSV / .xlsx) for any registered kind: upload → preview with a suggested
 * mapping → commit with the agent's mapping, rows checked and stored in chunks with progress
 * and a report by line. Rows wait in import_row, so a job another process started and dropped is
 * taken over when its owner next asks for it.
 */
export class ImportsService {
  private readonly kinds: Map<string, AnyImportKind>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly audit: AuditService,
    kinds: readonly AnyImportKind[],
  ) {
    this.kinds = new Map(kinds.map((k) => [k.kind, k]));
  }

  private kindFor(actor: StaffActor, kind: string): AnyImportKind {
    const found = this.kinds.get(kind);
    if (!found) throw badRequest([{ field: 'kind', reason: `应为以下之一：${[...this.kinds.keys()].join('、')}` }], '不支持导入这类数据');
    if (!found.roles.includes(actor.role)) throw new AppError(403, 'forbidden', '你的角色不能导入这类数据');
    return found;
  }

  async upload(actor: StaffActor, dto: ImportUploadDto): Promise<ImportPreviewView> {
    const kind = this.kindFor(actor, dto.kind);
    const format = dto.format ?? formatOf(dto.fileName);
    const bytes = Buffer.from(dto.contentBase64, 'base64');
    if (bytes.length === 0) throw badRequest([{ field: 'contentBase64', reason: '文件是空的，请选择有内容的文件' }], '文件是空的');
    if (bytes.length > IMPORT_FILE_MAX_BYTES) {
      throw new AppError(413, 'file_too_large', `文件不能超过 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024}MB`, [{ field: 'contentBase64', reason: `超过 ${IMPORT_FILE_MAX_BYTES / 1024 / 1024}MB，请拆成几个文件` }]);
    }
    const table = await readTable(bytes, format, IMPORT_ROWS_MAX);
    await this.dropStalePreviews(actor.staffId);
    const job: ImportJob = {
      id: randomUUID(), kind: kind.kind, ownerId: actor.staffId, fileName: dto.fileName.slice(0, 200), status: 'previewed', headers: table.headers, mapping: null,
      totalRows: table.rows.length, processedRows: 0, counts: emptyCounts(), leaseUntilMs: null, createdAtMs: this.clock.nowMs(), finishedAtMs: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ImportJob, job);
      for (let i = 0; i < table.rows.length; i += 500) {
        await manager.insert(ImportRow, table.rows.slice(i, i + 500).map((r) => ({ jobId: job.id, line: r.line, cells: r.cells, outcome: null, reason: null, recordId: null })));
      }
      await this.audit.record({ actorId: actor.staffId, action: 'import.upload', subjectType: 'import_job', subjectId: job.id, detail: { kind: kind.kind, rows: job.totalRows } }, manager);
    });
    return {
      jobId: job.id, kind: kind.kind, fileName: job.fileName, headers: table.headers, totalRows: job.totalRows,
      sampleRows: table.rows.slice(0, IMPORT_SAMPLE_ROWS).map((r) => r.cells),
      columns: kind.columns.map((c) => ({ key: c.key, label: c.label, required: c.required === true })),
      suggestedMapping: suggestMapping(kind.columns, table.headers),
    };
  }

  /** Starts storing the rows with this mapping; the answer is the job running (GET it for progress and the report). */
  async commit(actor: StaffActor, jobId: string, dto: ImportCommitDto): Promise<ImportJobView> {
    const job = await this.ownJob(actor, jobId);
    const kind = this.kindFor(actor, job.kind);
    const mapping = checkMapping(kind.columns, job.headers, dto.mapping);
    const now = this.clock.nowMs();
    const taken = await this.dataSource.createQueryBuilder().update(ImportJob)
      .set({ status: 'running', mapping, leaseUntilMs: now + LEASE_MS })
      .where('id = :id AND status = :previewed', { id: job.id, previewed: 'previewed' })
      .execute();
    if (taken.affected === 0) throw new AppError(409, 'already_committed', '这个文件已经开始导入了');
    await this.audit.record({ actorId: actor.staffId, action: 'import.commit', subjectType: 'import_job', subjectId: job.id, detail: { kind: kind.kind } });
    this.runInBackground(actor, job.id, kind);
    return this.status(actor, job.id);
  }

  /** Progress and the report; a running job whose process stopped renewing its lease is taken over here. */
  async status(actor: StaffActor, jobId: string): Promise<ImportJobView> {
    const job = await this.ownJob(actor, jobId);
    if (job.status === 'running' && (job.leaseUntilMs ?? 0) < this.clock.nowMs() && await this.takeLease(job.id, job.leaseUntilMs)) {
      this.runInBackground(actor, job.id, this.kindFor(actor, job.kind));
    }
    const problems = await this.dataSource.getRepository(ImportRow).find({
      where: { jobId, outcome: In(['duplicate', 'flagged', 'bad']) }, order: { line: 'ASC' }, take: IMPORT_PROBLEMS_LISTED,
    });
    return {
      jobId: job.id, kind: job.kind, fileName: job.fileName, status: job.status, totalRows: job.totalRows, processedRows: job.processedRows,
      counts: { ...emptyCounts(), ...job.counts },
      problems: problems.map((p) => ({ line: p.line, outcome: p.outcome as Exclude<ImportRowOutcome, 'created'>, reason: p.reason ?? '' })),
      createdAt: new Date(job.createdAtMs).toISOString(), finishedAt: job.finishedAtMs === null ? null : new Date(job.finishedAtMs).toISOString(),
    };
  }

  /** A preview never committed still holds the file's cells (phones in the clear): the owner's older than a day go at their next upload. */
  private async dropStalePreviews(ownerId: string): Promise<void> {
    const stale = await this.dataSource.getRepository(ImportJob).find({
      select: { id: true }, where: { ownerId, status: 'previewed', createdAtMs: LessThan(this.clock.nowMs() - PREVIEW_KEPT_MS) },
    });
    if (stale.length === 0) return;
    const ids = stale.map((j) => j.id);
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ImportRow, { jobId: In(ids) });
      await manager.delete(ImportJob, { id: In(ids) });
    });
  }

  private async ownJob(actor: StaffActor, jobId: string): Promise<ImportJob> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id: jobId, ownerId: actor.staffId });
    if (!job) throw notFound('import_job');
    return job;
  }

  private async takeLease(jobId: string, seen: number | null): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().update(ImportJob).set({ leaseUntilMs: this.clock.nowMs() + LEASE_MS })
      .where({ id: jobId, status: 'running', leaseUntilMs: seen === null ? IsNull() : seen })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private runInBackground(actor: StaffActor, jobId: string, kind: AnyImportKind): void {
    this.run(actor, jobId, kind).catch((error: unknown) => {
      // The lease lapses and the owner's next look takes the job over from the first row without an outcome.
      this.logger.warn('import job stopped; it resumes when its owner looks at it', { jobId, detail: (error as Error)?.message?.slice(0, 200) });
    });
  }

  private async run(actor: StaffActor, jobId: string, kind: AnyImportKind): Promise<void> {
    const job = await this.dataSource.getRepository(ImportJob).findOneByOrFail({ id: jobId });
    for (;;) {
      const waiting = await this.dataSource.getRepository(ImportRow).find({ where: { jobId, outcome: IsNull() }, order: { line: 'ASC' }, take: CHUNK_ROWS });
      if (waiting.length === 0) {
        await this.dataSource.getRepository(ImportJob).update({ id: jobId }, { ...await this.progressOf(jobId), status: 'done', leaseUntilMs: null, finishedAtMs: this.clock.nowMs() });
        return;
      }
      const created: string[] = [];
      for (let i = 0; i < waiting.length; i += ROWS_PER_TRANSACTION) {
        // better-sqlite3 answers synchronously, so without this the whole job would run as one chain of
        // microtasks and no request (not even this job's progress) would be served until it ended.
        await new Promise((resolve) => setImmediate(resolve));
        for (const result of await this.commitRows(actor, kind, job, waiting.slice(i, i + ROWS_PER_TRANSACTION))) {
          if ((result.outcome === 'created' || result.outcome === 'flagged') && result.recordId) created.push(result.recordId);
        }
      }
      await kind.afterChunk?.(actor, created);
      await this.dataSource.getRepository(ImportJob).update({ id: jobId }, { ...await this.progressOf(jobId), leaseUntilMs: this.clock.nowMs() + LEASE_MS });
    }
  }

  /**
   * Rows read with the mapping, stored by the kind and their outcomes recorded in one transaction,
   * so each is stored once whatever stops when. Should the batch fail, its rows go one by one,
   * and a row that still fails is reported bad rather than holding up the rest.
   */
  private async commitRows(actor: StaffActor, kind: AnyImportKind, job: ImportJob, rows: ImportRow[]): Promise<RowResult[]> {
    try {
      return await this.commitInOneTransaction(actor, kind, job, rows);
    } catch (error) {
      if (rows.length === 1) {
        this.logger.warn('import row could not be stored', { jobId: job.id, line: rows[0].line, detail: (error as Error)?.message?.slice(0, 200) });
        const failed: RowResult = { outcome: 'bad', reason: '这一行保存失败，请检查后单独添加' };
        await this.dataSource.getRepository(ImportRow).update({ jobId: job.id, line: rows[0].line }, { cells: [], outcome: failed.outcome, reason: failed.reason ?? null });
        return [failed];
      }
      const results: RowResult[] = [];
      for (const row of rows) results.push(...await this.commitRows(actor, kind, job, [row]));
      return results;
    }
  }

  private commitInOneTransaction(actor: StaffActor, kind: AnyImportKind, job: ImportJob, rows: ImportRow[]): Promise<RowResult[]> {
    const mapping = job.mapping ?? [];
    return retryWhileBusy(() => this.dataSource.transaction(async (manager) => {
      const results: RowResult[] = [];
      for (const row of rows) {
        const cells = Object.fromEntries(kind.columns.map((c) => {
          const header = mapping.find((m) => m.column === c.key)?.header;
          return [c.key, header === null || header === undefined ? '' : (row.cells[header] ?? '').trim()];
        }));
        const read = kind.readRow(cells);
        const result: RowResult = 'error' in read ? { outcome: 'bad', reason: read.error } : await kind.commitRow(manager, actor, read.row, { jobId: job.id, line: row.line });
        // The cells go once the row is done: the file's personal data lives on only in what it became.
        await manager.update(ImportRow, { jobId: job.id, line: row.line }, {
          cells: [], outcome: result.outcome, reason: result.reason?.slice(0, 200) ?? null, recordId: result.recordId ?? null,
        });
        results.push(result);
      }
      return results;
    }));
  }

  /** Progress counted from the rows themselves, so it is right whichever process did which rows. */
  private async progressOf(jobId: string): Promise<Pick<ImportJob, 'processedRows' | 'counts'>> {
    const rows = await this.dataSource.getRepository(ImportRow).createQueryBuilder('r')
      .select('r.outcome', 'outcome').addSelect('COUNT(*)', 'n').where('r.job_id = :jobId AND r.outcome IS NOT NULL', { jobId })
      .groupBy('r.outcome').getRawMany<{ outcome: ImportRowOutcome; n: number | string }>();
    const counts = emptyCounts();
    for (const r of rows) counts[r.outcome] = Number(r.n);
    return { counts, processedRows: rows.reduce((sum, r) => sum + Number(r.n), 0) };
  }
}

function formatOf(fileName: string): ImportFormat {
  const ending = fileName.toLowerCase().split('.').pop();
  if (ending === 'csv' || ending === 'xlsx') return ending;
  throw badRequest([{ field: 'fileName', reason: '文件名应以 .csv 或 .xlsx 结尾' }], '只支持 .csv 和 .xlsx 文件');
}

/** The agent's mapping, checked against the kind's columns and the file's headers; every column listed (null where unmapped). */
function checkMapping(columns: readonly ImportColumn[], headers: string[], mapping: ImportMappingEntry[]): ImportMappingEntry[] {
  const errors: { field: string; reason: string }[] = [];
  const byColumn = new Map<string, number | null>();
  const usedHeaders = new Set<number>();
  for (const [i, entry] of mapping.entries()) {
    if (!columns.some((c) => c.key === entry.column)) errors.push({ field: `mapping.${i}.column`, reason: `不是这类导入的列（可选：${columns.map((c) => c.key).join('、')}）` });
    else if (byColumn.has(entry.column)) errors.push({ field: `mapping.${i}.column`, reason: '这一列对应了两次，请只保留一个' });
    if (entry.header !== null && entry.header >= headers.length) errors.push({ field: `mapping.${i}.header`, reason: `文件只有 ${headers.length} 列，请重新选择` });
    else if (entry.header !== null && usedHeaders.has(entry.header)) errors.push({ field: `mapping.${i}.header`, reason: '同一列不能对应两个字段' });
    if (entry.header !== null) usedHeaders.add(entry.header);
    byColumn.set(entry.column, entry.header);
  }
  for (const c of columns) {
    if (c.required && (byColumn.get(c.key) ?? null) === null) errors.push({ field: 'mapping', reason: `「${c.label}」必须对应文件中的一列` });
  }
  if (errors.length > 0) throw badRequest(errors, '列对应有误');
  return columns.map((c) => ({ column: c.key, header: byColumn.get(c.key) ?? null }));
}

