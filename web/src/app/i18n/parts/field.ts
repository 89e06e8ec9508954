// The field screen's texts, Chinese first; English has the same keys (checked by type and test).
// vue-i18n syntax: avoid bare { } @ $ | in texts.
export const zh = {
  title: '现场处置',
  team: '队伍：{team}',
  empty: '暂无派单',
  note: '派单说明：{note}',
  newDispatch: '收到新派单',
  steps: {
    ack: '签收',
    contacted: '已联系',
    onsite: '到场',
    resolve: '办结',
  },
  status: {
    dispatched: '待签收',
    acknowledged: '已签收',
    contacted: '已联系',
    onsite: '已到场',
    resolved: '已办结',
  },
};

export const en: typeof zh = {
  title: 'Field response',
  team: 'Team: {team}',
  empty: 'No dispatches',
  note: 'Note: {note}',
  newDispatch: 'New dispatch received',
  steps: {
    ack: 'Acknowledge',
    contacted: 'Contacted',
    onsite: 'On site',
    resolve: 'Resolve',
  },
  status: {
    dispatched: 'Awaiting acknowledgement',
    acknowledged: 'Acknowledged',
    contacted: 'Contacted',
    onsite: 'On site',
    resolved: 'Resolved',
  },
};
