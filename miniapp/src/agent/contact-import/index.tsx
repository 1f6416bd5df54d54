import { useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { IMPORT_FILE_MAX_BYTES, type ImportJobView, type ImportMappingEntry, type ImportPreviewView } from '@kejing/shared'
import AgentGate from '../../components/agent-gate'
import { chooseTableFile } from '../../platform/choose-table-file'
import { api } from '../../services'
import { headerChoices, IMPORT_PAGES, importPageKind, type ImportPageKind, missingRequired, OUTCOME_ZH, progressPct, remap } from './import-view'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

const POLL_MS = 800

function Pick({ kind, onPreview }: { kind: ImportPageKind; onPreview: (p: ImportPreviewView) => void }) {
  const words = IMPORT_PAGES[kind]
  const { busy, run } = useBusyAction()
  const pick = async () => {
    await run(async () => {
      const file = await chooseTableFile()
      if (!file) return
      if (file.size > IMPORT_FILE_MAX_BYTES) {
        void Taro.showToast({ title: `文件不能超过${IMPORT_FILE_MAX_BYTES / 1024 / 1024}MB`, icon: 'none' })
        return
      }
      onPreview(await api().uploadImport({ kind, fileName: file.name, contentBase64: file.contentBase64 }))
    }, '读取失败')
  }
  return (
    <View className='section'>
      <View className='section__title'>
        <Text>{words.heading}</Text>
      </View>
      <View className='import__hint'>支持 Excel（.xlsx）和 CSV 文件，第一行为表头，最多 20000 行。</View>
      <View className='import__hint'>{words.columns}</View>
      <View className='import__hint muted'>在微信里：先把表格发给“文件传输助手”，再从聊天中选择。{words.rule}</View>
      <Button id='import-pick' className='btn-primary import__pick' loading={busy} onClick={pick}>
        选择文件
      </Button>
    </View>
  )
}

function Mapping({ preview, onStarted }: { preview: ImportPreviewView; onStarted: (job: ImportJobView) => void }) {
  const [mapping, setMapping] = useState<ImportMappingEntry[]>(preview.suggestedMapping)
  const { busy, run } = useBusyAction()
  const choices = headerChoices(preview)
  const missing = missingRequired(preview, mapping)
  const start = async () => {
    await run(async () => {
      onStarted(await api().commitImport(preview.jobId, { mapping }))
    }, '导入失败')
  }
  return (
    <View>
      <View className='section'>
        <View className='section__title'>
          <Text>{preview.fileName}</Text>
          <Text className='muted'>共 {preview.totalRows} 行</Text>
        </View>
        <View className='import__table'>
          <View className='import__tr import__tr--head'>
            {preview.headers.map((h, i) => (
              <Text key={i} className='import__td'>{h || `第${i + 1}列`}</Text>
            ))}
          </View>
          {preview.sampleRows.slice(0, 3).map((row, r) => (
            <View key={r} className='import__tr'>
              {preview.headers.map((_h, i) => (
                <Text key={i} className='import__td'>{row[i] ?? ''}</Text>
              ))}
            </View>
          ))}
        </View>
      </View>
      <View className='section'>
        <View className='section__title'>
          <Text>列对应</Text>
          <Text className='muted'>已按表头自动识别，可修改</Text>
        </View>
        {preview.columns.map((c) => {
          const header = mapping.find((m) => m.column === c.key)?.header ?? null
          return (
            <View key={c.key} id={`map-${c.key}`} className='import__map row row--between'>
              <Text>
                {c.label}
                {c.required ? <Text className='import__required'> *</Text> : null}
              </Text>
              <Picker mode='selector' range={choices} value={header === null ? 0 : header + 1} onChange={(e) => setMapping(remap(mapping, c.key, Number(e.detail.value)))}>
                <View className={`import__choice ${header === null ? 'muted' : ''}`}>{choices[header === null ? 0 : header + 1]} ▾</View>
              </Picker>
            </View>
          )
        })}
        {missing.length > 0 ? <View className='import__missing'>请为「{missing.join('、')}」选择一列</View> : null}
        <Button id='import-start' className='btn-primary import__pick' disabled={missing.length > 0} loading={busy} onClick={start}>
          开始导入 {preview.totalRows} 行
        </Button>
      </View>
    </View>
  )
}

function Result({ initial }: { initial: ImportJobView }) {
  const [job, setJob] = useState(initial)
  useEffect(() => {
    if (job.status === 'done') return
    const timer = setTimeout(() => {
      api().importJob(job.jobId).then(setJob).catch(() => setJob({ ...job }))
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [job])
  const done = job.status === 'done'
  return (
    <View>
      <View className='section'>
        <View className='section__title'>
          <Text>{done ? '导入完成' : '正在导入…'}</Text>
          <Text className='muted'>{job.processedRows} / {job.totalRows}</Text>
        </View>
        <View className='import__bar'>
          <View className='import__fill' style={{ width: `${progressPct(job)}%` }} />
        </View>
        <View className='import__counts'>
          {(['created', 'duplicate', 'flagged', 'bad'] as const).map((o) => (
            <View key={o} id={`count-${o}`} className={`import__count import__count--${o}`}>
              <View className='import__count-n'>{job.counts[o]}</View>
              <View className='muted'>{OUTCOME_ZH[o]}</View>
            </View>
          ))}
        </View>
      </View>
      {job.problems.length > 0 ? (
        <View className='section' id='import-problems'>
          <View className='section__title'>
            <Text>需要留意的行</Text>
          </View>
          {job.problems.map((p) => (
            <View key={p.line} className='list-item import__problem'>
              <Text className={`chip import__tag import__tag--${p.outcome}`}>第{p.line}行 · {OUTCOME_ZH[p.outcome]}</Text>
              <View>{p.reason}</View>
            </View>
          ))}
        </View>
      ) : null}
      {done ? (
        <View className='section'>
          <Button id='import-to-contacts' className='btn-plain' onClick={() => Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/contacts/index' }))}>
            查看客户
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 批量导入 (客户, or 保单 with ?kind=policies): pick a CSV / .xlsx → preview and column mapping → progress → every row not created, by line. */
export default function ContactImportPage() {
  const kind = importPageKind(useRouter().params.kind)
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: IMPORT_PAGES[kind].title })
  }, [kind])
  const [preview, setPreview] = useState<ImportPreviewView | null>(null)
  const [job, setJob] = useState<ImportJobView | null>(null)
  return (
    <AgentGate>
      <View className='page'>
        {job ? <Result initial={job} /> : preview ? <Mapping preview={preview} onStarted={setJob} /> : <Pick kind={kind} onPreview={setPreview} />}
      </View>
    </AgentGate>
  )
}
