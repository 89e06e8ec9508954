// What the server's refusals say on screen, Chinese first; English has the same keys (checked by
// type and test). `code` holds one text per error code of @jointduty/shared, nested as vue-i18n
// reads a key (`alert.not_found` is alert → not_found): a code without its text does not compile.
// `{fields}` is the fields a validation error names. `status` is for an answer without a known code.
// vue-i18n syntax: avoid bare { } @ $ | in texts.
import type { ErrorCode } from '@jointduty/shared';

type Area<C> = C extends `${infer A}.${string}` ? A : never;
type CodeTexts = {
  [A in Area<ErrorCode>]: { [C in ErrorCode as C extends `${A}.${infer R}` ? R : never]: string };
} & { [C in Exclude<ErrorCode, `${string}.${string}`>]: string };

const zhCodes = {
  internal: '服务器内部错误，请稍后重试',
  request: {
    invalid_body: '提交的内容有误：{fields}',
    invalid_query: '查询条件有误：{fields}',
    malformed: '提交的内容格式有误',
    unsupported_media_type: '不支持的内容格式或字符编码',
    too_large: '提交的内容过大',
    no_route: '请求的接口不存在',
  },
  auth: {
    unauthenticated: '登录已失效，请重新登录',
    invalid_credentials: '用户名或密码错误',
    forbidden: '当前角色无权执行此操作',
  },
  metrics: {
    host_not_allowed: '此地址无权读取运行指标',
  },
  feed: {
    unknown_channel: '未知的接入渠道',
    key_missing: '缺少接入密钥',
    key_invalid: '接入密钥不正确',
    empty_batch: '提交的记录为空',
    not_records: '提交的内容不是一条记录或记录列表',
    too_many_records: '单次提交的记录过多',
    all_rejected: '所有记录均未通过校验',
    backlogged: '关联分析积压，请稍后重试',
    queue_full: '接收队列已满，请稍后重试',
    shutting_down: '服务正在重启，请稍后重试',
    store_unavailable: '数据库暂不可用，请稍后重试',
  },
  alert: {
    not_found: '预警不存在',
    transition_invalid: '预警状态已变化，无法执行此操作，请刷新后重试',
  },
  silence: {
    not_found: '静默不存在',
  },
  dispatch: {
    not_found: '派单不存在或不属于本队伍',
    unknown_step: '未知的处置步骤',
    unknown_team: '所选队伍不存在',
    changed_meanwhile: '派单已被他人更新，请重新提交',
    alert_resolved: '值班室已办结此预警，无需继续处置',
    step_skipped: '不能跳过前一个处置步骤',
    note_required: '办结须填写处置结果',
    time_in_future: '步骤时间晚于服务器当前时间',
    time_too_old: '步骤时间早于 24 小时前',
    time_before_previous: '步骤时间早于上一步',
  },
  event: {
    not_found: '事件不存在',
    note_empty: '批示内容不能为空',
    note_too_long: '批示内容超出字数上限',
    note_bad_characters: '批示内容含有无法识别的字符',
    move_same_event: '该来件已在此事件中',
    move_already_alone: '该来件已单独成为一个事件',
    too_large_to_rebuild: '事件包含的来件过多，不能手动调整',
    note_not_found: '批示不存在',
  },
  incident: {
    not_found: '来件不存在',
    unknown_category: '分类不在分类目录中',
    unknown_department: '部门不在部门目录中',
  },
  quarantine: {
    not_found: '该来件不在未关联列表中',
  },
  profile: {
    unknown: '保障方案不存在',
  },
  order: {
    not_found: '工单不存在或不属于本单位',
    unknown_action: '不支持的工单操作',
    unknown_department: '承办单位不存在',
    step_out_of_order: '当前状态不能执行此步骤：{fields}',
    extension_pending: '已有延期申请等待审核',
    no_extension_request: '没有待审核的延期申请',
    followup_required: '需先完成满意且已解决的回访，才能销号',
    exists: '该来件已有工单',
    changed_meanwhile: '工单刚被他人处理，已显示最新状态',
  },
  report: {
    invalid_period: '统计时段不存在或格式有误，请重新选择',
    range_too_long: '统计时段不能超过一年',
    unknown_format: '不支持的导出格式',
    not_found: '报表草稿不存在',
  },
  info_report: {
    not_found: '信息报送不存在',
    step_out_of_order: '该报送环节已提交，或尚未轮到',
    text_empty: '报送内容不能为空',
    text_too_long: '报送内容超出字数上限',
  },
  handover: {
    not_found: '交接班记录不存在',
    already_handed: '本班次已交班',
    cannot_accept: '不能接班：已被接班，或为本人交班',
    notes_too_long: '交班说明超出字数上限',
  },
} satisfies CodeTexts;

const enCodes = {
  internal: 'Server error, please try again later',
  request: {
    invalid_body: 'Check what was entered: {fields}',
    invalid_query: 'Check the filters: {fields}',
    malformed: 'The request could not be read',
    unsupported_media_type: 'Unsupported content type or encoding',
    too_large: 'Too much sent at once',
    no_route: 'No such API call',
  },
  auth: {
    unauthenticated: 'Your session has expired, please sign in again',
    invalid_credentials: 'Wrong username or password',
    forbidden: 'Your role may not do this',
  },
  metrics: {
    host_not_allowed: 'This address may not read the metrics',
  },
  feed: {
    unknown_channel: 'Unknown channel',
    key_missing: 'Feed key missing',
    key_invalid: 'Wrong feed key',
    empty_batch: 'No records sent',
    not_records: 'Send one record or a list of records',
    too_many_records: 'Too many records at once',
    all_rejected: 'No record was valid',
    backlogged: 'Correlation is behind, please try again later',
    queue_full: 'The intake queue is full, please try again later',
    shutting_down: 'The server is restarting, please try again later',
    store_unavailable: 'The database is unavailable, please try again later',
  },
  alert: {
    not_found: 'Alert not found',
    transition_invalid: 'The alert has changed and cannot do this now; refresh and try again',
  },
  silence: {
    not_found: 'Silence not found',
  },
  dispatch: {
    not_found: 'Dispatch not found for your team',
    unknown_step: 'Unknown step',
    unknown_team: 'Unknown team',
    changed_meanwhile: 'The dispatch was updated meanwhile, please send again',
    alert_resolved: 'The duty room has resolved this alert; no further steps needed',
    step_skipped: 'The previous step cannot be skipped',
    note_required: 'Resolving needs the result of the handling',
    time_in_future: 'The step time is after the server’s clock',
    time_too_old: 'The step time is more than 24 hours ago',
    time_before_previous: 'The step time is before the previous step',
  },
  event: {
    not_found: 'Event not found',
    note_empty: 'The instruction must not be empty',
    note_too_long: 'The instruction is too long',
    note_bad_characters: 'The instruction contains characters that cannot be read',
    move_same_event: 'The incident is already in this event',
    move_already_alone: 'The incident is already alone in its event',
    too_large_to_rebuild: 'The event holds too many incidents to change by hand',
    note_not_found: 'Instruction not found',
  },
  incident: {
    not_found: 'Incident not found',
    unknown_category: 'Not a category of the taxonomy',
    unknown_department: 'Not a department of the taxonomy',
  },
  quarantine: {
    not_found: 'The incident is not in the quarantine',
  },
  profile: {
    unknown: 'No such profile',
  },
  order: {
    not_found: 'No such order for your unit',
    unknown_action: 'No such order action',
    unknown_department: 'No such unit',
    step_out_of_order: 'Not possible in the order’s current status: {fields}',
    extension_pending: 'An extension request is already waiting for review',
    no_extension_request: 'There is no extension request to review',
    followup_required: 'A satisfied, resolved follow-up is needed before closing off',
    exists: 'This record already has its order',
    changed_meanwhile: 'Someone else just changed this order; it is shown as it is now',
  },
  report: {
    invalid_period: 'No such period; choose another',
    range_too_long: 'A report covers a year at most',
    unknown_format: 'No such file format',
    not_found: 'Report draft not found',
  },
  info_report: {
    not_found: 'Information report not found',
    step_out_of_order: 'This step was already submitted, or its turn has not come',
    text_empty: 'The report must not be empty',
    text_too_long: 'The report is too long',
  },
  handover: {
    not_found: 'Handover not found',
    already_handed: 'This shift has already been handed over',
    cannot_accept: 'Cannot accept: already accepted, or handed over by you',
    notes_too_long: 'The handover notes are too long',
  },
} satisfies CodeTexts;

export const zh = {
  code: zhCodes,
  // between the fields a validation error names
  fieldSeparator: '、',
  status: {
    '400': '请求有误',
    '401': '登录已失效，请重新登录',
    '403': '无权执行此操作',
    '404': '请求的内容不存在',
    '409': '数据已变化，请刷新后重试',
    '413': '提交的内容过大',
    '415': '不支持的内容格式',
    '422': '提交的内容未通过校验',
    '429': '请求过于频繁，请稍后重试',
    '500': '服务器内部错误，请稍后重试',
    '502': '服务器暂时无法访问，请稍后重试',
    '503': '服务暂不可用，请稍后重试',
    '504': '服务器响应超时，请稍后重试',
    other: '请求失败（HTTP {status}）',
  },
  network: '无法连接服务器，请检查网络后重试',
  unknown: '出现意外错误，请重试',
};

export const en: typeof zh = {
  code: enCodes,
  fieldSeparator: ', ',
  status: {
    '400': 'Bad request',
    '401': 'Your session has expired, please sign in again',
    '403': 'You may not do this',
    '404': 'Not found',
    '409': 'The data has changed; refresh and try again',
    '413': 'Too much sent at once',
    '415': 'Unsupported content type',
    '422': 'What was sent did not pass the checks',
    '429': 'Too many requests, please try again later',
    '500': 'Server error, please try again later',
    '502': 'The server cannot be reached, please try again later',
    '503': 'The service is unavailable, please try again later',
    '504': 'The server took too long to answer, please try again later',
    other: 'Request failed (HTTP {status})',
  },
  network: 'Cannot reach the server; check the network and try again',
  unknown: 'Something went wrong, please try again',
};
