// Turns validation issues into field-level messages a clerk can read, in
// Chinese and English. Used by the API's 400 answers and by the web forms.
import type { z } from 'zod';
import type { FieldError } from './schemas/errors.ts';
import type { RuleCode } from './schemas/common.ts';

export type Bilingual = { zh: string; en: string };

/** Labels of the fields people see, keyed by the last named segment of a path. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  file: { zh: '文件', en: 'File' },
  caption: { zh: '说明', en: 'Caption' },
  position: { zh: '顺序', en: 'Position' },
  evidence: { zh: '影像资料', en: 'Evidence' },
  startDate: { zh: '开始日期', en: 'Start date' },
  endDate: { zh: '结束日期', en: 'End date' },
  title: { zh: '活动主题', en: 'Title' },
  townshipId: { zh: '乡镇(街道)', en: 'Township' },
  period: { zh: '上报期', en: 'Period' },
  reason: { zh: '退回原因', en: 'Reason for returning' },
  countyId: { zh: '县(区)', en: 'County' },
  monthDueDay: { zh: '月报截止日', en: 'Monthly due day' },
  yearDueMonth: { zh: '年报截止月', en: 'Yearly due month' },
  yearDueDay: { zh: '年报截止日', en: 'Yearly due day' },
  campaignId: { zh: '宣传节点', en: 'Campaign' },
  location: { zh: '地点', en: 'Location' },
  villageIds: { zh: '覆盖村(社区)', en: 'Villages reached' },
  villageId: { zh: '村(社区)', en: 'Village' },
  sixInto: { zh: '六进类别', en: 'Six-into places' },
  formIds: { zh: '活动形式', en: 'Forms' },
  lawIds: { zh: '宣传法律', en: 'Laws publicised' },
  departmentIds: { zh: '参与单位', en: 'Departments' },
  targetGroupIds: { zh: '宣传对象', en: 'Target groups' },
  audience: { zh: '受众人次', en: 'Audience (person-times)' },
  consultations: { zh: '咨询人次', en: 'Consultations (person-times)' },
  materials: { zh: '发放资料', en: 'Materials' },
  materialTypeId: { zh: '资料种类', en: 'Material type' },
  quantity: { zh: '数量', en: 'Quantity' },
  notes: { zh: '备注', en: 'Notes' },
  version: { zh: '版本号', en: 'Version' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  q: { zh: '关键词', en: 'Search text' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  sort: { zh: '排序', en: 'Sort' },
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  description: { zh: '说明', en: 'Description' },
  rule: { zh: '每年日期', en: 'Yearly dates' },
  startMonth: { zh: '开始月份', en: 'Start month' },
  startDay: { zh: '开始日', en: 'Start day' },
  endMonth: { zh: '结束月份', en: 'End month' },
  endDay: { zh: '结束日', en: 'End day' },
  isActive: { zh: '启用', en: 'Active' },
  unit: { zh: '计量单位', en: 'Unit' },
  unitEn: { zh: '英文单位', en: 'Unit (English)' },
  countsAsLeaflet: { zh: '计入宣传资料', en: 'Counts as leaflets' },
  catalog: { zh: '目录', en: 'Catalog' },
  year: { zh: '年度', en: 'Year' },
  targetDate: { zh: '计划日期', en: 'Planned day' },
  targetMonth: { zh: '计划月份', en: 'Planned month' },
  departmentId: { zh: '责任单位', en: 'Responsible department' },
  targetAudience: { zh: '计划受众人次', en: 'Target audience' },
  targetLeaflets: { zh: '计划发放资料份数', en: 'Target leaflets' },
  fromYear: { zh: '复制自年度', en: 'Copy from year' },
  toYear: { zh: '复制到年度', en: 'Copy to year' },
  eventId: { zh: '活动', en: 'Event' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  displayName: { zh: '姓名', en: 'Display name' },
  role: { zh: '角色', en: 'Role' },
  orgUnitId: { zh: '所属单位', en: 'Org unit' },
  parentId: { zh: '上级单位', en: 'Parent unit' },
  entity: { zh: '对象类型', en: 'Entity' },
  entityId: { zh: '对象编号', en: 'Entity id' },
  userId: { zh: '用户', en: 'User' },
  action: { zh: '操作', en: 'Action' },
};

export function fieldLabel(path: readonly PropertyKey[]): Bilingual {
  const named = path.filter((p): p is string => typeof p === 'string');
  const last = named.at(-1);
  const label = (last && FIELD_LABELS[last]) || { zh: last ?? '请求', en: last ?? 'Request' };
  const index = path.find((p): p is number => typeof p === 'number');
  // "发放资料第2行·数量": say which line of a list is wrong.
  const parent = named.length > 1 ? FIELD_LABELS[named[0]!] : undefined;
  if (parent && index !== undefined) {
    return { zh: `${parent.zh}第${index + 1}行·${label.zh}`, en: `${parent.en}, line ${index + 1}: ${label.en}` };
  }
  return label;
}

export const RULE_MESSAGES: Record<RuleCode, Bilingual> = {
  dateFormat: { zh: '日期格式应为 年-月-日，如 2026-12-04', en: 'use the date format YYYY-MM-DD, e.g. 2026-12-04' },
  dateNotExist: { zh: '日历上没有这一天', en: 'this day does not exist in the calendar' },
  dateOutOfRange: { zh: '年份应在 2000 至 2100 之间', en: 'the year must be between 2000 and 2100' },
  endBeforeStart: { zh: '不能早于开始日期', en: 'cannot be before the start date' },
  dateTooFarAhead: {
    zh: '不能晚于一年以后；尚未开展的活动请列入年度计划',
    en: 'cannot be more than a year ahead; put what is still to come in the annual plan',
  },
  spanTooLong: { zh: '活动跨度不能超过一年，请分多条登记', en: 'an event cannot span more than a year; log it as several events' },
  duplicateIds: { zh: '有重复的选项', en: 'contains the same choice twice' },
  duplicateMaterialType: { zh: '同一种资料请合并为一行', en: 'each material type may appear on one line only; merge the lines' },
  notInPlanYear: { zh: '应在计划年度内', en: 'must fall in the plan year' },
  monthMismatch: { zh: '与计划日期的月份不一致', en: 'does not match the month of the planned day' },
  sameYear: { zh: '不能与原年度相同', en: 'must differ from the year copied' },
  rangeTooLong: { zh: '统计范围不能超过 10 年', en: 'the range cannot exceed 10 years' },
  yearOrRange: { zh: '请给出年度（year），或起止日期（from 和 to）', en: 'give a year, or both from and to' },
  wholeNumber: { zh: '应为整数（只含数字 0-9）', en: 'must be a whole number (digits 0-9 only)' },
  periodFormat: { zh: '上报期应为 年-月（如 2026-11）或 年（如 2026）', en: 'a period is YYYY-MM (e.g. 2026-11) or YYYY (e.g. 2026)' },
  periodNotStarted: { zh: '该期尚未开始，不能上报', en: 'this period has not begun; it cannot be submitted yet' },
  nestedTooDeep: { zh: '数据嵌套层数过多', en: 'is nested too deeply' },
  unstorableText: { zh: '含有无法保存的字符（如空字符），请删除后重试', en: 'contains characters that cannot be stored (such as NUL); remove them' },
  bidiControl: { zh: '含有改变文字显示方向的控制字符（可用来伪装文字），请删除后重试', en: 'contains text-direction control characters (they can disguise text); remove them' },
};

/** Shown, not refused: a start date after today (futureDateLevel 'warn'). */
export const FUTURE_DATE_WARNING: Bilingual = {
  zh: '这一天还没到。活动开展后再登记；将要开展的工作请列入年度计划。',
  en: 'This day has not come yet. Log an event once it has happened; put what is to come in the annual plan.',
};

const BLANK: Bilingual = { zh: '必填，不能为空', en: 'required and cannot be blank' };

const TYPE_NAMES: Record<string, Bilingual> = {
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'a whole number' },
  string: { zh: '文字', en: 'text' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '对象', en: 'an object' },
  boolean: { zh: '是/否', en: 'true or false' },
};

type Issue = z.core.$ZodIssue & { input?: unknown };

/** The words for one issue, without the field label. */
function describe(issue: Issue): Bilingual {
  switch (issue.code) {
    case 'custom': {
      const code = (issue.params as { code?: RuleCode } | undefined)?.code;
      if (code && RULE_MESSAGES[code]) return RULE_MESSAGES[code];
      return { zh: issue.message, en: issue.message };
    }
    case 'invalid_type': {
      if (issue.input === undefined) return { zh: '必填', en: 'required' };
      const expected = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return { zh: `应为${expected.zh}`, en: `must be ${expected.en}` };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? BLANK : { zh: `至少 ${min} 个字`, en: `at least ${min} characters` };
      if (issue.origin === 'array') return { zh: `至少选择 ${min} 项`, en: `choose at least ${min}` };
      return { zh: `不能小于 ${min}`, en: `cannot be less than ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { zh: `不能超过 ${max} 个字`, en: `at most ${max} characters` };
      if (issue.origin === 'array') return { zh: `最多 ${max} 项`, en: `at most ${max} entries` };
      return { zh: `不能大于 ${max.toLocaleString('en-US')}`, en: `cannot be more than ${max.toLocaleString('en-US')}` };
    }
    case 'invalid_format': {
      if (issue.format === 'regex') return { zh: '格式不正确', en: 'has the wrong format' };
      return { zh: `格式不正确 (${issue.format})`, en: `is not a valid ${issue.format}` };
    }
    case 'invalid_value':
      return { zh: `可选值：${issue.values.join(', ')}`, en: `must be one of: ${issue.values.join(', ')}` };
    case 'unrecognized_keys':
      return { zh: '不认识的字段，请删除', en: 'is not a known field; remove it' };
    case 'not_multiple_of':
      return { zh: `应为 ${issue.divisor} 的倍数`, en: `must be a multiple of ${issue.divisor}` };
    default:
      return { zh: '不正确', en: 'is not valid' };
  }
}

export function fieldError(path: readonly PropertyKey[], words: Bilingual): FieldError {
  const label = fieldLabel(path);
  return {
    field: path.map(String).join('.') || '(body)',
    message: `${label.zh}：${words.zh}`,
    messageEn: `${label.en}: ${words.en}`,
  };
}

/**
 * The words of a field error without its label ("必填", not "开始日期：必填"), for a message
 * shown under the field that already carries the label.
 */
export function fieldErrorWords(error: FieldError, english: boolean): string {
  const message = english ? error.messageEn : error.message;
  const label = fieldLabel(error.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
  const prefix = english ? `${label.en}: ` : `${label.zh}：`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** One FieldError per issue (an unknown-keys issue gives one per key, named by the key). */
export function describeIssues(issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { field: path.map(String).join('.'), message: `${key}：${describe(issue).zh}`, messageEn: `${key}: ${describe(issue).en}` };
      });
    }
    return [fieldError(issue.path, describe(issue))];
  });
}

/** Messages for ids that do not exist or are outside the township (checked against the database). */
export const REFERENCE_MESSAGES = {
  unknownIds: (ids: readonly (number | string)[]): Bilingual => ({
    zh: `不存在或不属于所选乡镇：${ids.join(', ')}`,
    en: `unknown, or not in the chosen township: ${ids.join(', ')}`,
  }),
} as const;

/** A summary line for a list of field errors: the first one, and how many more. */
export function summarizeFieldErrors(fields: readonly FieldError[]): Bilingual {
  const [first] = fields;
  if (!first) return { zh: '输入有误', en: 'The input is not valid' };
  const more = fields.length - 1;
  return {
    zh: more > 0 ? `${first.message}（另有 ${more} 处错误）` : first.message,
    en: more > 0 ? `${first.messageEn} (and ${more} more)` : first.messageEn,
  };
}
