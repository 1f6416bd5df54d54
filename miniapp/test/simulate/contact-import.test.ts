import type { ImportJobView, ImportPreviewView } from '@kejing/shared'
import { json, loadPage, type Harness } from './harness'
import { agentSession } from './fixtures'

const preview: ImportPreviewView = {
  jobId: 'job-1', kind: 'contacts', fileName: '我的客户.xlsx', totalRows: 50,
  headers: ['姓名', '手机', '性别', '生日'],
  sampleRows: [['客户1', '13500000100', '女', '1980-01-01'], ['客户2', '13500000101', '男', '1980-01-02']],
  columns: [
    { key: 'remarkName', label: '姓名', required: true }, { key: 'phone', label: '手机', required: false },
    { key: 'gender', label: '性别', required: false }, { key: 'birthday', label: '生日', required: false }, { key: 'note', label: '备注', required: false },
  ],
  suggestedMapping: [
    { column: 'remarkName', header: 0 }, { column: 'phone', header: 1 }, { column: 'gender', header: 2 }, { column: 'birthday', header: 3 }, { column: 'note', header: null },
  ],
}
const job = (over: Partial<ImportJobView>): ImportJobView => ({
  jobId: 'job-1', kind: 'contacts', fileName: '我的客户.xlsx', status: 'running', totalRows: 50, processedRows: 0,
  counts: { created: 0, duplicate: 0, flagged: 0, bad: 0 }, problems: [], createdAt: '2026-11-29T08:00:00.000Z', finishedAt: null, ...over,
})
const finished = job({
  status: 'done', processedRows: 50, counts: { created: 47, duplicate: 1, flagged: 0, bad: 2 }, finishedAt: '2026-11-29T08:00:02.000Z',
  problems: [
    { line: 11, outcome: 'duplicate', reason: '与已有客户「老王」手机号相同，未重复创建' },
    { line: 21, outcome: 'bad', reason: '手机号不是11位中国大陆手机号' },
    { line: 31, outcome: 'bad', reason: '姓名为空' },
  ],
})

describe('批量导入 (compiled weapp, miniprogram-simulate)', () => {
  let h: Harness
  const uploads: unknown[] = []
  const commits: unknown[] = []
  let polls = 0
  beforeAll(async () => {
    h = await loadPage('agent/contact-import/index', {}, {
      'POST /api/auth/login': () => json(agentSession),
      'POST /api/imports': (req) => {
        uploads.push(req.data)
        return json(preview, 201)
      },
      'POST /api/imports/job-1/commit': (req) => {
        commits.push(req.data)
        return json(job({}), 202)
      },
      'GET /api/imports/job-1': () => {
        polls += 1
        return json(polls < 2 ? job({ processedRows: 20, counts: { created: 19, duplicate: 1, flagged: 0, bad: 0 } }) : finished)
      },
    })
    // After loading: the simulator installs its own stand-ins for these when the page loads.
    const wx = (global as any).wx
    const chosen = { tempFiles: [{ path: 'wxfile://tmp/1.xlsx', name: '我的客户.xlsx', size: 9000, type: 'file', time: 0 }], errMsg: 'chooseMessageFile:ok' }
    // Taro passes this API through as is: called without callbacks, WeChat answers with a promise.
    wx.chooseMessageFile = (opts: any) => (opts?.success ? setTimeout(() => opts.success(chosen), 0) : Promise.resolve(chosen))
    wx.getFileSystemManager = () => ({ readFile: (opts: any) => setTimeout(() => opts.success({ data: 'UEsDBBQ=' }), 0) })
    await h.flush(200)
  })
  afterAll(() => h.unload())

  it('explains what it reads and asks for a file', () => {
    expect(h.text()).toContain('支持 Excel（.xlsx）和 CSV 文件')
    expect(h.text()).toContain('选择文件')
  })

  it('sends the file chosen from a chat as base64 and shows its headers, rows and the suggested mapping', async () => {
    await h.tap('#import-pick')
    await h.flush(300)
    expect(uploads).toEqual([{ kind: 'contacts', fileName: '我的客户.xlsx', contentBase64: 'UEsDBBQ=' }])
    const text = h.text()
    for (const s of ['我的客户.xlsx', '共 50 行', '客户1', '13500000100', '列对应', '开始导入 50 行']) expect(text).toContain(s)
    expect(h.page.querySelector('#map-note').dom.textContent).toContain('不导入')
    expect(h.page.querySelector('#map-phone').dom.textContent).toContain('手机')
  })

  it('commits with the mapping, shows progress, then every row not created by its line and reason', async () => {
    await h.tap('#import-start')
    await h.flush(200)
    expect(commits).toEqual([{ mapping: preview.suggestedMapping }])
    expect(h.text()).toContain('正在导入')
    await h.flush(2000)
    const text = h.text()
    expect(text).toContain('导入完成')
    expect(h.page.querySelector('#count-created').dom.textContent).toContain('47')
    expect(h.page.querySelector('#count-bad').dom.textContent).toContain('2')
    for (const s of ['第11行 · 重复', '老王', '第21行 · 有误', '手机号不是11位', '第31行 · 有误', '姓名为空']) expect(text).toContain(s)
  })
})
