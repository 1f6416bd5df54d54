import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CONTACT_SOURCE_ZH, FAMILY_RELATION_ZH, GENDER_ZH, PHONE_BASIS_ZH, type ContactDetailView } from '@kejing/shared'
import { callContact } from '../../contacts/call-contact'
import { formatDateTime } from '../../format'

const Line = ({ label, value }: { label: string; value: string | null }) =>
  value ? (
    <View className='profile__line'>
      <Text className='profile__label'>{label}</Text>
      <Text>{value}</Text>
    </View>
  ) : null

/** 客户档案: what the agent knows, with 拨打 (reveal, audited, then call), 复制微信号 and 编辑资料. */
export default function Profile({ c }: { c: ContactDetailView }) {
  const p = c.profile
  const [calling, setCalling] = useState(false)
  const callable = p.phones.length > 0 || c.leads.length > 0

  const call = async () => {
    setCalling(true)
    try {
      if ((await callContact(c.contactId)) === 'no_phone') void Taro.showToast({ title: '该客户还没有手机号', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message || '无法拨打', icon: 'none' })
    } finally {
      setCalling(false)
    }
  }

  const copyWeChat = () => {
    if (!p.wechatId) return
    void Taro.setClipboardData({ data: p.wechatId }).then(() => Taro.showToast({ title: '微信号已复制', icon: 'success' }))
  }

  return (
    <View className='section' id='contact-profile'>
      <View className='section__title'>
        <Text>客户档案</Text>
        <Text id='contact-edit' className='section__more' onClick={() => Taro.navigateTo({ url: `/agent/contact-edit/index?id=${encodeURIComponent(c.contactId)}` })}>
          编辑资料 ›
        </Text>
      </View>
      <Line label='备注名' value={p.remarkName} />
      <Line label='真实姓名' value={p.realName} />
      <Line label='性别' value={p.gender ? GENDER_ZH[p.gender] : null} />
      <Line label='生日' value={p.birthday} />
      {p.phones.map((x) => (
        <Line key={x.phoneId} label='手机号' value={`${x.masked}（${PHONE_BASIS_ZH[x.basis]}）`} />
      ))}
      <Line label='微信号' value={p.wechatId} />
      <Line label='关系' value={p.relationship} />
      <Line label='来源' value={p.referredBy ? `${CONTACT_SOURCE_ZH[p.source]} · ${p.referredBy.name}` : CONTACT_SOURCE_ZH[p.source]} />
      <Line label='移交自' value={c.handedOverFrom ? `${c.handedOverFrom.agentName}（${formatDateTime(c.handedOverFrom.at)}移交）` : null} />
      <Line label='微信好友' value={p.wechatFriend ? '已是好友' : null} />
      <Line label='持有保单' value={p.policiesHeld > 0 ? `${p.policiesHeld}张` : null} />
      {p.familyMembers.length > 0 ? (
        <Line
          label='家庭成员'
          value={p.familyMembers
            .map((m) => `${m.name}（${FAMILY_RELATION_ZH[m.relation]}${m.gender ? `·${GENDER_ZH[m.gender]}` : ''}${m.birthday ? `·${m.birthday}` : ''}）`)
            .join('、')}
        />
      ) : null}
      {p.agentTags.length > 0 ? (
        <View className='chips profile__tags'>
          {p.agentTags.map((t) => (
            <Text key={t} className='chip chip--hot'>
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='profile__actions'>
        <Button id='contact-call' className='btn-primary profile__action' disabled={!callable} loading={calling} onClick={call}>
          拨打
        </Button>
        <Button id='contact-copy-wechat' className='btn-plain profile__action' disabled={!p.wechatId} onClick={copyWeChat}>
          复制微信号
        </Button>
      </View>
      {!callable ? <View className='muted'>还没有手机号，可在“编辑资料”中添加</View> : null}
    </View>
  )
}
