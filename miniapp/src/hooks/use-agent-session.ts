import { useCallback, useEffect, useState } from 'react'
import type { SessionView } from '@kejing/shared'
import { api, getApi } from '../services'

export interface AgentSession {
  session: SessionView | null
  isAgent: boolean
  loading: boolean
  error: string | null
  bind: (inviteCode: string) => Promise<void>
}

/** Silent login, then: is this WeChat user a bound agent? */
export function useAgentSession(): AgentSession {
  const [session, setSession] = useState<SessionView | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    getApi()
      .ensureSession()
      .then((s) => setSession(s))
      .catch((e: Error) => setError(e.message))
      .finally(() => setLoading(false))
  }, [])

  const bind = useCallback(async (inviteCode: string) => {
    const s = await api().bind(inviteCode.trim())
    setSession(s)
  }, [])

  const isAgent = !!session && session.user.roles.some((r) => r !== 'viewer')
  return { session, isAgent, loading, error, bind }
}
