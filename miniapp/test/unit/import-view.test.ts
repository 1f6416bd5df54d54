import type { ImportJobView, ImportPreviewView } from '@kejing/shared'
import { headerChoices, importPageKind, missingRequired, progressPct, remap } from '../../src/agent/contact-import/import-view'

const preview: ImportPreviewView = {
  jobId: 'j', kind: 'contacts', fileName: 'a.csv', totalRows: 3, headers: ['姓名', '', '电话'], sampleRows: [],
  columns: [{ key: 'remarkName', label: '姓名', required: true }, { key: 'phone', label: '手机', required: false }],
  suggestedMapping: [{ column: 'remarkName', header: 0 }, { column: 'phone', header: 2 }],
}

describe('the import page\'s column mapping', () => {
  it('offers 不导入 first, then each header by position, naming a blank header by its column', () => {
    expect(headerChoices(preview)).toEqual(['不导入', '姓名', '第2列', '电话'])
  })

  it('maps a column to a header and frees that header where it was used', () => {
    expect(remap(preview.suggestedMapping, 'phone', 1)).toEqual([{ column: 'remarkName', header: null }, { column: 'phone', header: 0 }])
  })

  it('unmaps with 不导入', () => {
    expect(remap(preview.suggestedMapping, 'phone', 0)).toEqual([{ column: 'remarkName', header: 0 }, { column: 'phone', header: null }])
  })

  it('names the required columns left without a header', () => {
    expect(missingRequired(preview, preview.suggestedMapping)).toEqual([])
    expect(missingRequired(preview, remap(preview.suggestedMapping, 'remarkName', 0))).toEqual(['姓名'])
    expect(missingRequired(preview, remap(preview.suggestedMapping, 'phone', 1))).toEqual(['姓名'])
  })

  it.each<[number, number, number]>([[0, 50, 0], [25, 50, 50], [49, 50, 98], [50, 50, 100], [0, 0, 100]])('shows %i of %i rows as %i %%', (processedRows, totalRows, pct) => {
    expect(progressPct({ processedRows, totalRows } as ImportJobView)).toBe(pct)
  })
})

describe('importPageKind', () => {
  it('opens the page for policies with ?kind=policies and for contacts otherwise', () => {
    expect(importPageKind('policies')).toBe('policies')
    expect(importPageKind(undefined)).toBe('contacts')
    expect(importPageKind('tasks')).toBe('contacts')
  })
})
