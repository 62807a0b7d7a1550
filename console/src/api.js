// The console's one way to the public API (shared/api.md), through the gateway that serves
// it: same origin, same tokens, same limits as every other client. No other door.
import { reactive } from 'vue'

const KEY = 'minibase.console.session'

/** The signed-in admin: tokens and profile, kept across reloads of the tab. */
export const session = reactive(load())

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {}
  } catch {
    return {}
  }
}

function keep(login) {
  Object.keys(session).forEach((k) => delete session[k])
  if (login) {
    Object.assign(session, {
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      expiresAt: Date.now() + (login.expiresIn || 900) * 1000,
      user: login.user,
    })
    localStorage.setItem(KEY, JSON.stringify(session))
  } else {
    localStorage.removeItem(KEY)
  }
}

export const signedIn = () => !!session.accessToken

/** A refusal of the API, as its problem+json said it (RFC 9457). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem
    this.retryAfter = headers ? headers.get('Retry-After') : null
    this.traceId = problem.traceId || (headers ? headers.get('X-Trace-Id') : null)
  }
}

let onSignedOut = () => {}
export function whenSignedOut(callback) {
  onSignedOut = callback
}

export async function login(username, password) {
  const answer = await call('POST', '/api/admin/auth/login', { body: { username, password }, anonymous: true })
  keep(answer)
  return answer
}

export async function logout() {
  try {
    if (session.accessToken) await call('POST', '/api/auth/logout', { noRefresh: true })
  } finally {
    keep(null)
  }
}

// one refresh at a time: the old refresh token is spent by the first, and a second use
// would revoke the whole family (reuse detection)
let refreshing = null
async function refresh() {
  if (!refreshing) {
    const token = session.refreshToken
    refreshing = call('POST', '/api/auth/refresh', { body: { refreshToken: token }, anonymous: true })
      .then((answer) => keep(answer))
      .finally(() => (refreshing = null))
  }
  return refreshing
}

/** A JSON call; answers the parsed body (null for 204), throws ApiError. */
export async function call(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) }
  let body
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (!options.anonymous && session.accessToken) {
    // refresh a little before expiry instead of after a 401
    if (!options.noRefresh && session.refreshToken && session.expiresAt && session.expiresAt - Date.now() < 30000) {
      await refresh().catch(() => {})
    }
    headers.Authorization = `Bearer ${session.accessToken}`
  }
  let response
  try {
    response = await fetch(url(path, options.query), { method, headers, body, cache: 'no-store' })
  } catch (ex) {
    throw new ApiError(0, { title: 'network', detail: String(ex.message || ex) })
  }
  if (response.status === 401 && !options.anonymous && !options.noRefresh && session.refreshToken) {
    try {
      await refresh()
    } catch {
      keep(null)
      onSignedOut()
      throw await problemOf(response)
    }
    return call(method, path, { ...options, noRefresh: true })
  }
  if (response.status === 401 && !options.anonymous) {
    keep(null)
    onSignedOut()
  }
  if (!response.ok) throw await problemOf(response)
  if (options.raw) return response
  if (response.status === 204) return null
  const text = await response.text()
  return text ? JSON.parse(text) : null
}

async function problemOf(response) {
  let problem = {}
  try {
    problem = JSON.parse(await response.text())
  } catch {
    problem = { title: response.statusText }
  }
  return new ApiError(response.status, problem, response.headers)
}

function url(path, query) {
  if (!query) return path
  const params = new URLSearchParams()
  Object.entries(query).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') params.set(k, v)
  })
  const q = params.toString()
  return q ? `${path}?${q}` : path
}

/** Every page of a cursor list, up to max items. */
export async function all(path, query = {}, max = 500) {
  const items = []
  let cursor
  do {
    const page = await call('GET', path, { query: { ...query, size: 100, cursor } })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && items.length < max)
  return items
}

/** Uploads an image to file-service, reporting progress 0..100; answers the file. */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const send = () => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', '/api/files')
      xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`)
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress && onProgress(Math.round((e.loaded * 100) / e.total))
      xhr.onload = () => {
        let body = {}
        try {
          body = JSON.parse(xhr.responseText)
        } catch {
          body = { title: xhr.statusText }
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body)
        else reject(new ApiError(xhr.status, body, { get: (h) => xhr.getResponseHeader(h) }))
      }
      xhr.onerror = () => reject(new ApiError(0, { title: 'network', detail: 'upload failed' }))
      const form = new FormData()
      form.append('file', file)
      xhr.send(form)
    }
    if (session.refreshToken && session.expiresAt - Date.now() < 30000) refresh().finally(send)
    else send()
  })
}

/** The file id in a file URL (/api/files/{id}), for writing a product's imageFileIds back. */
export function fileIdOf(url) {
  const match = /\/api\/files\/([^/?#]+)/.exec(url || '')
  return match ? match[1] : null
}
