import type { ImportJobView, ImportMappingEntry, ImportPreviewView, ImportRowOutcome } from '@kejing/shared'

/** What the page imports (`?kind=policies` opens it for policies; contacts by default), and what it says about it. */
export const IMPORT_PAGES = {
  contacts: {
    title: '批量导入客户',
    heading: '从表格导入客户',
    columns: '可识别的列：姓名（必填）、手机、性别、生日、备注、标签、微信好友、持有保单数、关系、微信号。',
    rule: '手机号已在你名下的客户不会重复创建；同事名下已有的客户会提示主管（撞单）。',
  },
  policies: {
    title: '导入保单',
    heading: '从表格导入老客户的保单',
    columns: '可识别的列：客户姓名或客户手机（找到你名下的客户）、产品名称、需求类别（险种）、保险公司、保单号、年缴保费(元)、缴费方式、生效日期（必填），以及被保险人、缴费年期、签单日期、下次缴费日。',
    rule: '请先添加或导入客户；被保险人须是客户本人或客户档案里的家庭成员。已登记过的保单号不会重复创建。',
  },
} as const
export type ImportPageKind = keyof typeof IMPORT_PAGES

/** The page's kind from its `kind` parameter: anything unknown is the contacts import it always was. */
export function importPageKind(param: string | undefined): ImportPageKind {
  return param === 'policies' ? 'policies' : 'contacts'
}

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
