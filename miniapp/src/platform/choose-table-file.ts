import Taro from '@tarojs/taro'

/** A spreadsheet the agent picked, as the import endpoint takes it. */
export interface PickedFile {
  name: string
  size: number
  contentBase64: string
}

const EXTENSIONS = ['csv', 'xlsx']

/**
 * Lets the agent pick a CSV or .xlsx file: in WeChat from a chat (chooseMessageFile: a phone has
 * no file browser, so agents send the sheet to themselves or to 文件传输助手), on H5 through the
 * browser's file input. Resolves null when the agent cancels.
 */
export async function chooseTableFile(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return chooseInBrowser()
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS })
  } catch (e) {
    // WeChat rejects with { errMsg: 'chooseMessageFile:fail cancel' }, not an Error.
    const message = (e as { errMsg?: string; message?: string }).errMsg ?? (e as Error).message ?? ''
    if (/cancel/i.test(message)) return null
    throw e instanceof Error ? e : new Error('无法选择文件')
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  const contentBase64 = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (res) => resolve(res.data as string),
      fail: (err) => reject(new Error(err.errMsg || '读取文件失败')),
    })
  })
  return { name: file.name, size: file.size, contentBase64 }
}

function chooseInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = EXTENSIONS.map((e) => `.${e}`).join(',')
    input.style.display = 'none'
    // In the document while choosing: some browsers ignore a click on a detached input.
    document.body.appendChild(input)
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      const reader = new FileReader()
      reader.onload = () => resolve({ name: file.name, size: file.size, contentBase64: String(reader.result).replace(/^data:[^,]*,/, '') })
      reader.onerror = () => reject(new Error('读取文件失败'))
      reader.readAsDataURL(file)
    }
    input.click()
  })
}
