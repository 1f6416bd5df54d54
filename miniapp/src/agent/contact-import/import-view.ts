import type { ImportJobView, ImportMappingEntry, ImportPreviewView, ImportRowOutcome } from '@kejing/shared'

/** What each outcome is called on the result screen. */
export const OUTCOME_ZH: Record<ImportRowOutcome, string> = { created: '新建', duplicate: '重复', flagged: '撞单', bad: '有误' }

/** The choices of one column's picker: 不导入, then the file's headers (by position). */
export function headerChoices(preview: ImportPreviewView): string[] {
  return ['不导入', ...preview.headers.map((h, i) => h || `第${i + 1}列`)]
}

/** The mapping with one column set to a picker choice (0 = 不导入, n = the file's column n-1); a header taken elsewhere is released there. */
export function remap(mapping: ImportMappingEntry[], column: string, choice: number): ImportMappingEntry[] {
  const header = choice === 0 ? null : choice - 1
  return mapping.map((m) => {
    if (m.column === column) return { column, header }
    return header !== null && m.header === header ? { column: m.column, header: null } : m
  })
}

/** The required columns left without a header, by label: 开始导入 waits for them. */
export function missingRequired(preview: ImportPreviewView, mapping: ImportMappingEntry[]): string[] {
  return preview.columns.filter((c) => c.required && (mapping.find((m) => m.column === c.key)?.header ?? null) === null).map((c) => c.label)
}

/** 0–100 for the progress bar. */
export function progressPct(job: ImportJobView): number {
  return job.totalRows === 0 ? 100 : Math.floor((job.processedRows / job.totalRows) * 100)
}
