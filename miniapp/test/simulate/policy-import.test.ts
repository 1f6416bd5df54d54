import type { ImportJobView, ImportPreviewView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'

const preview: ImportPreviewView = {
  jobId: 'job-p', kind: 'policies', fileName: '保单清单.xlsx', totalRows: 12,
  headers: ['客户姓名', '客户手机', '产品名称', '保单号'],
  sampleRows: [['张姐', '13600000001', '守护重疾', 'PI2023000001']],
  columns: [
    { key: 'clientName', label: '客户姓名', required: false }, { key: 'clientPhone', label: '客户手机', required: false },
    { key: 'productName', label: '产品名称', required: true }, { key: 'policyNumber', label: '保单号', required: true },
  ],
  suggestedMapping: [{ column: 'clientName', header: 0 }, { column: 'clientPhone', header: 1 }, { column: 'productName', header: 2 }, { column: 'policyNumber', header: 3 }],
}
const done: ImportJobView = {
  jobId: 'job-p', kind: 'policies', fileName: '保单清单.xlsx', status: 'done', totalRows: 12, processedRows: 12,
  counts: { created: 8, duplicate: 1, flagged: 0, bad: 3 }, createdAt: '2026-11-29T08:00:00.000Z', finishedAt: '2026-11-29T08:00:01.000Z',
  problems: [
    { line: 10, outcome: 'duplicate', reason: '保单号尾号0001已登记过，未重复创建' },
    { line: 11, outcome: 'bad', reason: '找不到客户「孙姐」（手机尾号0099）：请先在客户里添加或导入该客户，或核对客户姓名和手机' },
  ],
}

describe('导入保单: the import page opened with ?kind=policies (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const uploads: unknown[] = []
  beforeAll(async () => {
    h = await loadPage('agent/contact-import/index', { kind: 'policies' }, {
      'POST /api/auth/login': () => json(agentSession),
      'POST /api/imports': (req) => {
        uploads.push(req.data)
        return json(preview, 201)
      },
      'POST /api/imports/job-p/commit': () => json({ ...done, status: 'running', processedRows: 0 }, 202),
      'GET /api/imports/job-p': () => json(done),
    })
    const wx = (global as any).wx
    const chosen = { tempFiles: [{ path: 'wxfile://tmp/p.xlsx', name: '保单清单.xlsx', size: 9000, type: 'file', time: 0 }], errMsg: 'chooseMessageFile:ok' }
    wx.chooseMessageFile = (opts: any) => (opts?.success ? setTimeout(() => opts.success(chosen), 0) : Promise.resolve(chosen))
    wx.getFileSystemManager = () => ({ readFile: (opts: any) => setTimeout(() => opts.success({ data: 'UEsDBBQ=' }), 0) })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('says it imports policies of existing clients and which columns it reads', () => {
    const text = h.text()
    for (const s of ['从表格导入老客户的保单', '客户姓名或客户手机', '保单号', '已登记过的保单号不会重复创建']) expect(text).toContain(s)
    expect(text).not.toContain('撞单')
  })

  it('uploads the file as a policies import and reports the rows not created by line', async () => {
    await h.tap('#import-pick')
    await h.flush(300)
    expect(uploads).toEqual([{ kind: 'policies', fileName: '保单清单.xlsx', contentBase64: 'UEsDBBQ=' }])
    await h.tap('#import-start')
    await h.flush(1500)
    const text = h.text()
    expect(h.page.querySelector('#count-created').dom.textContent).toContain('8')
    for (const s of ['导入完成', '第10行 · 重复', '第11行 · 有误', '找不到客户「孙姐」']) expect(text).toContain(s)
  })
})
