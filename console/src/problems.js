import { ElMessage, ElNotification } from 'element-plus'
import { i18n } from './i18n'

const t = (...args) => i18n.global.t(...args)

/** What went wrong, in words: the status in the user's language, then the API's own detail and field errors. */
export function describe(error) {
  if (!error || error.status === undefined) return String(error && error.message ? error.message : error)
  const p = error.problem || {}
  const status = error.status
  let summary
  if (p.type && String(p.type).endsWith('/content-rejected')) summary = t('problem.contentRejected')
  else if (status === 429) summary = t('problem.429', { s: error.retryAfter || 1 })
  else if (i18n.global.te(`problem.${status}`)) summary = t(`problem.${status}`)
  else summary = t('problem.other', { status })
  const lines = [summary]
  if (p.detail && status !== 0) lines.push(p.detail)
  if (Array.isArray(p.errors)) p.errors.forEach((e) => lines.push(`${e.field}: ${e.message}`))
  return lines.join('\n')
}

export function showError(error) {
  const message = describe(error)
  const trace = error && error.traceId ? `\n${t('problem.trace')}: ${error.traceId}` : ''
  ElNotification({ type: 'error', title: message.split('\n')[0], message: message.split('\n').slice(1).join('\n') + trace, duration: 8000, customClass: 'problem' })
}

export function showSaved(text) {
  ElMessage({ type: 'success', message: text || t('common.saved') })
}

export const yuan = (fen) => (fen === null || fen === undefined ? '' : `¥${(fen / 100).toFixed(2)}`)
export const time = (iso) => (iso ? new Date(iso).toLocaleString() : '')
