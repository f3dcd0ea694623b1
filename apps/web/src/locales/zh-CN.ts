// UI words in Simplified Chinese, the default. en.ts mirrors these keys.
export const zhCN = {
  app: { title: '普法宣传台账', subtitle: '普法宣传活动登记与统计', apiDocs: '接口文档', language: 'English' },
  nav: { dashboard: '统计看板', exports: '导出', events: '活动台账', newEvent: '登记活动', plans: '年度计划', calendar: '宣传日历', settings: '节点与辖区', admin: '用户与日志' },
  roles: { clerk: '录入员', leader: '领导', admin: '管理员' },
  login: {
    subtitle: '请使用本单位分配的账号登录', username: '用户名', password: '密码', submit: '登录', logout: '退出登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码',
  },
  common: {
    save: '保存', saving: '保存中…', cancel: '取消', edit: '编辑', delete: '删除', back: '返回', reset: '重置',
    loading: '加载中…', retry: '重试', reload: '重新加载', none: '无', yes: '是', no: '否', all: '全部', unit: {
      times: '次', copies: '份', personTimes: '人次', villages: '个',
    },
    loadFailed: '加载失败', notFound: '没有找到这条记录，可能已被删除。',
  },
  totals: {
    activities: '开展活动', leaflets: '发放宣传资料', audience: '受众', consultations: '法律咨询', villagesReached: '覆盖村(社区)',
    ofFiltered: '以下为筛选结果的合计', summary: '开展宣传{{activities}}次，发放宣传资料{{leaflets}}份，受众{{audience}}人次',
  },
  filters: {
    dateRange: '日期', startPlaceholder: '开始日期', endPlaceholder: '结束日期', campaign: '宣传节点', village: '村(社区)',
    search: '搜索主题、地点、备注', clear: '清除筛选', thisYear: '今年', lastYear: '去年', thisMonth: '本月',
  },
  list: {
    title: '活动台账', empty: '没有符合条件的活动', newEvent: '登记活动', totalRows: '共 {{total}} 条',
    columns: { date: '日期', title: '活动主题', campaign: '宣传节点', villages: '覆盖村(社区)', audience: '受众(人次)', leaflets: '宣传资料(份)', actions: '操作' },
  },
  form: {
    newTitle: '登记宣传活动', editTitle: '编辑宣传活动',
    sections: { when: '时间与主题', where: '地点与对象', content: '内容与形式', counts: '人次与资料' },
    startDate: '开始日期', endDate: '结束日期', endDateHelp: '多日活动才填；统计按开始日期计入当月',
    township: '乡镇(街道)', title: '活动主题', titlePlaceholder: '如：12·4国家宪法日集中宣传',
    campaign: '宣传节点', campaignPlaceholder: '选择宣传节点（可不选）', suggested: '按日期建议：', useSuggestion: '采用',
    location: '地点', locationPlaceholder: '如：镇文化广场、某村村委会',
    villages: '覆盖村(社区)', allVillages: '全部村(社区)', sixInto: '法律“六进”', forms: '活动形式', laws: '宣传法律',
    departments: '参与单位', targetGroups: '宣传对象', audience: '受众人次', consultations: '咨询人次',
    materials: '发放资料', materialType: '资料种类', quantity: '数量', addMaterial: '添加资料', removeLine: '删除此行',
    leafletTotal: '计入“宣传资料”合计：{{count}} 份', notes: '备注',
    submit: '保存', submitAndNew: '保存并继续登记', shortcut: 'Ctrl+Enter 保存',
    created: '已保存：{{title}}', updated: '已更新', deleted: '已删除',
    duplicate: '同一天已有同名活动，请确认不是重复登记：', conflict: '这条记录已被他人修改。请重新加载后再编辑（您的修改尚未保存）。',
    fixErrors: '请按提示修改标红的项目', unsaved: '有未保存的修改，确定离开吗？', leave: '离开', stay: '留下',
    select: '请选择', pickAtLeastOne: '',
  },
  detail: {
    title: '活动详情', confirmDelete: '确定删除这条活动记录吗？', confirmDeleteText: '删除后台账与统计中将不再包含此活动。',
    createdAt: '登记时间', updatedAt: '最后修改', version: '版本', period: '日期', leaflets: '其中计入宣传资料',
  },
  settings: {
    title: '宣传节点、参与单位与辖区', calendar: '宣传节点日历', departments: '参与单位', year: '年份', datesIn: '{{year}}年日期',
    setForYear: '本年已设定', byRule: '按每年惯例', noFixedDate: '不固定', setDates: '设定日期', useRule: '恢复惯例',
    addCampaign: '添加本所宣传主题', own: '本所', name: '名称', nameEn: '英文名称（可不填）', nameRequired: '请填写名称',
    orgUnits: '乡镇与村(社区)', pickParent: '在上方选择县（添加乡镇）或乡镇（添加村/社区）', addTownshipTo: '在 {{name}} 下添加乡镇(街道)',
    addVillageTo: '在 {{name}} 下添加村(社区)', newUnitName: '名称',
    sharedCatalogs: '共用目录', sharedHint: '以下目录全县各乡镇共用，修改后各镇的登记表和统计同时生效。停用的条目不再出现在登记表中，已登记的活动不受影响。',
    catalogs: { materialTypes: '资料种类', targetGroups: '宣传对象', forms: '活动形式', laws: '宣传法律', sixInto: '法律“六进”' },
    unit: '单位', countsAsLeaflet: '计入宣传资料份数', fixed: '固定', newEntry: '新增条目名称',
    nameEnColumn: '英文名称', active: '启用', newDepartment: '新增单位名称，如：市场监管所', add: '添加',
  },
  history: { title: '修改记录', create: '登记', update: '修改', delete: '删除', restore: '恢复', system: '系统', changed: '改动：{{fields}}', empty: '无记录' },
  admin: {
    title: '用户与日志', users: '用户', deleted: '已删除活动', audit: '操作日志', newUser: '新建用户', username: '用户名', displayName: '姓名',
    role: '角色', orgUnit: '所属单位', active: '启用', password: '初始密码（至少 8 位）', resetPassword: '重置密码', newPassword: '新密码（至少 8 位）',
    restore: '恢复', restored: '已恢复', deletedAt: '删除时间', saved: '已保存', when: '时间', who: '操作人', what: '对象', action: '操作',
    restoreHint: '删除的活动 30 天内可恢复',
  },
  dashboard: {
    title: '统计看板', orgUnit: '范围', wholeScope: '全部辖区', month: '月度', year: '年度', custom: '自定义', lastYear: '去年同期',
    byMonth: '{{year}}年各月活动与资料', breakdowns: '分类统计', coverage: '村（社区）覆盖', reachedOf: '已覆盖 {{reached}} / {{total}}',
    item: '项目', leafletsShort: '资料(份)', noData: '本期没有活动', notReached: '未覆盖', times: '{{count}} 次',
    villageTip: '{{count}} 次活动，资料 {{leaflets}} 份', pickTownship: '各乡镇覆盖村数（点击查看该乡镇）',
    by: { campaign: '宣传节点', sixInto: '六进', department: '参与单位', form: '活动形式', law: '宣传法律', materialType: '资料种类' },
  },
  exports: {
    title: '导出与报告', language: '语言', exportThis: '导出 Excel', more: '报告与更多导出', received: '已接收 {{size}} KB',
    workbook: '年度统计表（Excel）', workbookHelp: '年度汇总、月度统计、分村统计（含未覆盖的村）、按宣传节点、按六进、按单位、县级汇总（选县时）、年终检查（选乡镇全年时）和活动台账，数字与统计看板一致。',
    downloadWorkbook: '下载 Excel', ledger: '活动台账（CSV）', ledgerHelp: '每次活动一行，全部字段；UTF-8 编码，Excel 可直接打开中文。', downloadLedger: '下载 CSV',
    report: '年度报告段落', downloadDocx: '下载 Word', print: '打印', copy: '复制', copied: '已复制', reportTitle: '法治宣传教育工作情况',
    paragraph: { exact: '准确数字', rounded: '约数表述（如“10余次”“3000余份”）', english: 'English' },
    exportCsv: '导出 CSV',
  },
  plans: {
    title: '年度普法计划', year: '年度', tabPlan: '计划事项', tabCheck: '年终检查', addItem: '新增计划事项', editItem: '修改计划事项',
    itemTitle: '事项名称', titleRequired: '请填写事项名称', targetDate: '计划日期', targetDateHelp: '只定月份的工作可不填日期',
    targetMonth: '计划月份', month: '{{month}}月', department: '责任单位', targetAudience: '计划受众（人次）', targetLeaflets: '计划发放资料（份）',
    status: { done: '已完成', partial: '部分完成', notDone: '未完成' }, statusLabel: '完成情况', when: '时间', villages: '目标村（社区）',
    items: '计划事项', noPlan: '本年度还没有计划', copyFrom: '复制 {{year}} 年计划', copyConfirm: '把 {{from}} 年的 {{count}} 项计划复制到 {{to}} 年？日期按各节点 {{to}} 年的日期顺延。',
    copied: '已复制 {{count}} 项', confirmDelete: '删除这项计划？', deleted: '已删除', linkedEvents: '已关联活动',
    allReached: '全部覆盖', missingVillages: '尚未覆盖', villagesWithout: '全年无活动的村（社区）', sixIntoWithout: '无活动的“六进”场所',
    campaignsWithout: '无活动的宣传节点', departmentsWithout: '无活动的单位',
    forEvent: '计划事项', suggested: '可能对应的计划事项', link: '关联', unlink: '取消关联', linked: '已关联', noSuggestion: '没有对应的计划事项', linkHint: '确认这次活动完成了（或部分完成了）哪项计划',
  },
  calendar: {
    title: '宣传日历', month: '月', year: '年', namedDay: '宣传节点', planned: '计划', event: '活动', today: '今天',
    upcoming: '未来 14 天', upcomingEmpty: '未来 14 天没有宣传节点或计划', plannedItems: '已计划：', notPlanned: '尚未计划', missing: '尚未开展',
    noEvents: '无', daysLeft: '{{count}} 天后', isToday: '今天',
  },
  notFound: { title: '页面不存在', back: '回到活动台账' },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;
