import { useState, type ReactNode } from 'react'
import { Button, Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { failureText, fieldReasons, type ApiError } from '../../api/client'
import { useAgentSession } from '../../hooks/use-agent-session'
import StateView from '../state-view'
import { useBusyAction } from '../../hooks/use-busy-action'
import './index.css'

/** Agent pages: after the silent login, a WeChat user who is not yet bound enters an invite code. */
export default function AgentGate({ children }: { children: ReactNode }) {
  const { isAgent, loading, error, bind } = useAgentSession()
  const [code, setCode] = useState('')
  const { busy, run } = useBusyAction()
  // The server's word on the code (wrong, used, expired), shown under the box until it is changed.
  const [codeError, setCodeError] = useState<string | null>(null)

  if (loading || error) return <StateView loading={loading} error={error} />
  if (isAgent) return <>{children}</>

  const submit = async () => {
    if (!code.trim()) {
      setCodeError('请输入机构发给您的 8 位邀请码')
      return
    }
    await run(async () => {
      await bind(code)
      void Taro.showToast({ title: '绑定成功', icon: 'success' })
    }, (e) => {
      const onCode = fieldReasons(e).inviteCode
      if (!onCode) return failureText(e, '绑定没有成功，请稍后重试')
      // A refused code says what to do (核对, or ask for a new one); a malformed one says its form.
      setCodeError((e as ApiError).code === 'invite_code_invalid' ? (e as ApiError).message : onCode)
      return null
    })
  }

  return (
    <View className='agent-gate'>
      <View className='agent-gate__title'>绑定营销员身份</View>
      <View className='agent-gate__hint'>请输入机构发给您的邀请码，绑定后即可分享内容、查看客户动态。</View>
      <Input
        className={`agent-gate__input${codeError ? ' agent-gate__input--error' : ''}`}
        id='invite-code'
        placeholder='邀请码'
        value={code}
        onInput={(e) => {
          setCode(e.detail.value)
          setCodeError(null)
        }}
      />
      {codeError ? (
        <View className='field__error agent-gate__error' id='invite-code-error'>
          {codeError}
        </View>
      ) : null}
      <Button className='btn-primary' id='bind-submit' loading={busy} onClick={submit}>
        绑定
      </Button>
    </View>
  )
}
