/** A dashboard call failed: say what it means for the person looking at it. */
export function dashboardErrorText(e: unknown): string {
  const status = (e as { status?: number } | null)?.status
  if (status === 404) return '暂无看板数据：看板每天生成一次，新账号或新机构请明天再来看看'
  if (status === 403) return '没有权限查看这个看板'
  const message = (e as Error | null)?.message
  return message || '加载失败'
}

/** Wraps a loader so its error carries the Chinese text above. */
export async function loadDashboard<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (e) {
    throw new Error(dashboardErrorText(e))
  }
}
