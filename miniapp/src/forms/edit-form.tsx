import { useState, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useBusyAction } from '../hooks/use-busy-action'

/** One labelled field of an agent's edit page, with its error under it. */
export function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className='field'>
      <View className='field__label'>{label}</View>
      {children}
      {error ? <View className='field__error'>{error}</View> : null}
    </View>
  )
}

/**
 * The state an edit page (contact, policy) keeps: the form, its field errors (a field's error goes
 * as soon as the field changes), and a save that shows 已保存 or the server's reason and cannot be
 * sent twice while one is on its way.
 */
export function useEditForm<Form extends object, Errors extends Partial<Record<string, string>>>(initial: Form) {
  const [form, setForm] = useState<Form>(initial)
  const [errors, setErrors] = useState<Errors>({} as Errors)
  const { busy, run } = useBusyAction()
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => {
      const next = { ...e }
      for (const key of Object.keys(patch)) delete next[key]
      return next
    })
  }
  /**
   * Runs `send` (the request, then where to go); a failure is told in a toast and leaves the form as it
   * was. ApiError's message is Chinese already (the server's, or shared's table by code), naming the field for a 400.
   */
  const save = (send: () => Promise<void>) => run(send, '保存没有成功，请稍后重试')
  return { form, set, errors, setErrors, busy, save }
}

export const savedToast = () => void Taro.showToast({ title: '已保存', icon: 'success' })
