import { createI18n } from 'vue-i18n'

// Chinese first; English a switch away (the choice is kept in the browser).
const zh = {
  app: { title: 'minibase 管理后台', language: 'English', signOut: '退出登录', admin: '管理员' },
  nav: {
    dashboard: '概览', categories: '分类', products: '商品', orders: '订单', afterSales: '售后',
    users: '用户', deadLetters: '死信事件',
  },
  login: {
    title: '管理员登录', username: '用户名', password: '密码', submit: '登录',
    hint: '首次使用：用户名 admin，密码见 infra/local/run 输出或 .minibase/admin-password',
  },
  common: {
    save: '保存', cancel: '取消', create: '新建', edit: '编辑', refresh: '刷新', search: '搜索', more: '加载更多',
    actions: '操作', status: '状态', id: 'ID', name: '名称', createdAt: '创建时间', confirm: '确定', saved: '已保存',
    none: '无', loading: '加载中…', yuan: '元', all: '全部', reason: '原因', detail: '详情', draftRestored: '已恢复上次未保存的内容',
  },
  dashboard: {
    todayOrders: '今日订单', todayPaid: '今日实收', lowStock: '库存不足商品', lowStockHint: '库存少于 {n} 件的在售商品',
    awaitingShipment: '待发货', stock: '库存',
  },
  categories: { title: '商品分类', parent: '上级分类', sort: '排序', top: '（顶级）', created: '分类已创建' },
  products: {
    title: '商品', category: '分类', price: '价格', stock: '库存', description: '描述', images: '图片', skus: '规格 (SKU)',
    specs: '规格', specName: '规格名', specValue: '规格值', addSku: '添加 SKU', addSpec: '添加规格', onSale: '在售', offShelf: '已下架',
    upload: '上传图片', uploading: '上传中', cover: '封面', created: '商品已创建', updated: '商品已更新', byId: '按 ID 打开',
    stale: '商品已被他人修改（例如下单扣减库存），已重新载入；你的修改仍在表单中，请确认后再保存。',
  },
  orders: {
    title: '订单', query: '订单号或买家 ID', total: '金额', items: '商品', buyer: '买家', address: '收货地址', shipment: '物流',
    ship: '发货', carrier: '快递公司', trackingNo: '运单号', refund: '退款', refundAmount: '退款金额（元，留空为全额）',
    refunds: '退款记录', shipped: '已发货', refundStarted: '退款已提交', remark: '备注', paidToday: '今日',
  },
  status: {
    PENDING: '待确认', AWAITING_PAYMENT: '待支付', REJECTED: '已拒绝', PAID: '已支付', CANCELLED: '已取消', SHIPPED: '已发货',
    COMPLETED: '已完成', REFUNDING: '退款中', REFUNDED: '已退款', REQUESTED: '待审核', APPROVED: '已同意',
    ON_SALE: '在售', OFF_SHELF: '已下架', PROCESSING: '处理中', SUCCESS: '成功', CLOSED: '已关闭', ABNORMAL: '异常',
    ENABLED: '正常', DISABLED: '已禁用',
  },
  afterSales: {
    title: '售后', order: '订单', amount: '金额', photos: '买家图片', approve: '同意', reject: '拒绝', rejectReason: '拒绝原因',
    approved: '已同意，退款已发起', rejected: '已拒绝', unavailable: '售后接口尚未部署（order-service 的售后功能开发中）。',
  },
  users: {
    title: '用户', nickname: '昵称', phone: '手机号', roles: '角色', disable: '禁用', enable: '启用', disabled: '已禁用',
    enabled: '已启用', confirmDisable: '禁用后该用户立即无法登录，已签发的令牌立即失效。确定禁用？', query: '用户 ID 或昵称',
  },
  deadLetters: {
    title: '死信事件', service: '服务', topic: '主题', waiting: '待重放', replay: '重放', replayed: '已重放 {n} 条',
    operatorPassword: '运维密码 (operator)', operatorHint: '重放需要运维凭据（与 /actuator/deadletters 相同），不保存在浏览器中。',
    confirmReplay: '将 {topic} 的死信重新投递回原主题？', replaying: '重放中…',
  },
  problem: {
    0: '无法连接服务器，请检查网络后重试。', 400: '提交的内容有误。', 401: '登录已失效，请重新登录。', 403: '没有权限执行此操作。',
    404: '要找的内容不存在。', 405: '不支持的操作。', 409: '当前状态不允许此操作。', 410: '内容已被删除。',
    412: '内容已被他人修改，请刷新后再试。', 413: '文件太大。', 415: '文件类型不支持（仅 JPEG、PNG、GIF、WebP）。',
    422: '内容未通过检查。', 429: '操作太频繁，请 {s} 秒后再试。', 500: '服务器出错了，请稍后再试。', 503: '服务暂时不可用，请稍后再试。',
    504: '服务响应超时，请稍后再试。', other: '请求失败（{status}）。', loginFailed: '用户名或密码错误。', trace: '追踪号',
    contentRejected: '内容包含违规信息，请修改后再试。',
  },
}

const en = {
  app: { title: 'minibase console', language: '中文', signOut: 'Sign out', admin: 'Admin' },
  nav: {
    dashboard: 'Dashboard', categories: 'Categories', products: 'Products', orders: 'Orders', afterSales: 'After-sales',
    users: 'Users', deadLetters: 'Dead letters',
  },
  login: {
    title: 'Admin sign-in', username: 'Username', password: 'Password', submit: 'Sign in',
    hint: 'First time: user admin, the password infra/local/run printed (also in .minibase/admin-password)',
  },
  common: {
    save: 'Save', cancel: 'Cancel', create: 'New', edit: 'Edit', refresh: 'Refresh', search: 'Search', more: 'Load more',
    actions: 'Actions', status: 'Status', id: 'ID', name: 'Name', createdAt: 'Created', confirm: 'OK', saved: 'Saved',
    none: 'None', loading: 'Loading…', yuan: 'CNY', all: 'All', reason: 'Reason', detail: 'Detail', draftRestored: 'Your unsaved changes were restored',
  },
  dashboard: {
    todayOrders: "Today's orders", todayPaid: 'Paid today', lowStock: 'Low stock', lowStockHint: 'Products on sale with fewer than {n} left',
    awaitingShipment: 'To ship', stock: 'Stock',
  },
  categories: { title: 'Categories', parent: 'Parent', sort: 'Sort', top: '(top level)', created: 'Category created' },
  products: {
    title: 'Products', category: 'Category', price: 'Price', stock: 'Stock', description: 'Description', images: 'Images', skus: 'SKUs',
    specs: 'Specs', specName: 'Spec', specValue: 'Value', addSku: 'Add SKU', addSpec: 'Add spec', onSale: 'On sale', offShelf: 'Off shelf',
    upload: 'Upload image', uploading: 'Uploading', cover: 'Cover', created: 'Product created', updated: 'Product updated', byId: 'Open by id',
    stale: 'Someone changed this product meanwhile (an order took stock, say); it was reloaded. Your changes are still in the form: check them and save again.',
  },
  orders: {
    title: 'Orders', query: 'Order id or buyer id', total: 'Total', items: 'Items', buyer: 'Buyer', address: 'Address', shipment: 'Shipment',
    ship: 'Ship', carrier: 'Carrier', trackingNo: 'Tracking no.', refund: 'Refund', refundAmount: 'Amount (CNY, empty: the whole order)',
    refunds: 'Refunds', shipped: 'Shipped', refundStarted: 'Refund submitted', remark: 'Remark', paidToday: 'Today',
  },
  status: {
    PENDING: 'Pending', AWAITING_PAYMENT: 'Awaiting payment', REJECTED: 'Rejected', PAID: 'Paid', CANCELLED: 'Cancelled', SHIPPED: 'Shipped',
    COMPLETED: 'Completed', REFUNDING: 'Refunding', REFUNDED: 'Refunded', REQUESTED: 'Requested', APPROVED: 'Approved',
    ON_SALE: 'On sale', OFF_SHELF: 'Off shelf', PROCESSING: 'Processing', SUCCESS: 'Succeeded', CLOSED: 'Closed', ABNORMAL: 'Abnormal',
    ENABLED: 'Active', DISABLED: 'Disabled',
  },
  afterSales: {
    title: 'After-sales', order: 'Order', amount: 'Amount', photos: 'Photos', approve: 'Approve', reject: 'Reject', rejectReason: 'Why rejected',
    approved: 'Approved; the refund has started', rejected: 'Rejected', unavailable: 'The after-sales API is not deployed yet (being built in order-service).',
  },
  users: {
    title: 'Users', nickname: 'Nickname', phone: 'Phone', roles: 'Roles', disable: 'Disable', enable: 'Enable', disabled: 'Disabled',
    enabled: 'Enabled', confirmDisable: 'A disabled user cannot sign in, and their tokens stop working at once. Disable?', query: 'User id or nickname',
  },
  deadLetters: {
    title: 'Dead-letter events', service: 'Service', topic: 'Topic', waiting: 'Waiting', replay: 'Replay', replayed: '{n} replayed',
    operatorPassword: 'Operator password', operatorHint: 'Replaying needs the operator credential (as /actuator/deadletters does); the browser does not keep it.',
    confirmReplay: 'Send the dead letters of {topic} back to their topic?', replaying: 'Replaying…',
  },
  problem: {
    0: 'The server cannot be reached; check the network and try again.', 400: 'Something in the form is not right.', 401: 'Your session has ended; sign in again.',
    403: 'You may not do this.', 404: 'It does not exist.', 405: 'Not supported.', 409: 'Not possible in its current state.', 410: 'It was removed.',
    412: 'Someone else changed it; reload and try again.', 413: 'The file is too large.', 415: 'That file type is not accepted (JPEG, PNG, GIF, WebP only).',
    422: 'It did not pass the checks.', 429: 'Too many requests; try again in {s} s.', 500: 'The server failed; try again later.',
    503: 'The service is unavailable for a moment; try again shortly.', 504: 'The service took too long; try again later.', other: 'The request failed ({status}).',
    loginFailed: 'Wrong username or password.', trace: 'Trace', contentRejected: 'The text was rejected by the content check; change it and try again.',
  },
}

const saved = localStorage.getItem('minibase.console.locale')

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
})

export function toggleLocale() {
  const next = i18n.global.locale.value === 'en' ? 'zh-CN' : 'en'
  i18n.global.locale.value = next
  localStorage.setItem('minibase.console.locale', next)
  document.documentElement.lang = next
}
