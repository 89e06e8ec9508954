import { z } from 'zod';
import type { Channel } from '../channels';
import { usccProblem } from '../uscc';
import { coordinates, count, districtName, httpUrl, isoDeadline, isoTime, numeric, person, phone, text } from './primitives';

export const APPEAL_TYPES = ['投诉', '举报', '咨询', '求助', '建议', '表扬'] as const;
export const HOTLINE_SOURCES = ['phone', 'wechat', 'app', 'web', 'mailbox', 'letter'] as const;
export const URGENCIES = ['一般', '紧急'] as const;
export const CONSUMER_KINDS = ['投诉', '举报', '咨询'] as const;
export const ALARM_TYPES = ['刑事', '治安', '交通', '火灾', '纠纷', '求助', '群体性事件', '其他'] as const;
export const PLATFORMS = ['weibo', 'douyin', 'wechat', 'xiaohongshu', 'news', 'forum', 'other'] as const;

const id = (max: number) => text(1, max);

/** 12345 government service hotline work order (工单). */
export const hotlineRecordSchema = z.object({
  orderNo: id(64),
  acceptedAt: isoTime,
  appealType: z.enum(APPEAL_TYPES),
  content: text(1, 5000),
  source: z.enum(HOTLINE_SOURCES).optional(),
  category: text(1, 200).optional(),
  title: text(1, 200).optional(),
  address: text(1, 500).optional(),
  district: districtName.optional(),
  location: coordinates.optional(),
  citizen: person.optional(),
  urgency: z.enum(URGENCIES).optional(),
  dueAt: isoDeadline.optional(),
  department: text(1, 100).optional(),
});

export const merchantSchema = z.object({
  name: text(1, 200),
  uscc: z
    .string()
    .superRefine((s, ctx) => {
      const problem = usccProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  address: text(1, 500).optional(),
});

/** 12315 consumer complaint or report (投诉举报). */
export const consumerRecordSchema = z
  .object({
    regNo: id(64),
    kind: z.enum(CONSUMER_KINDS),
    receivedAt: isoTime,
    content: text(1, 5000),
    merchant: merchantSchema.optional(),
    consumer: person.optional(),
    industry: text(1, 100).optional(),
    amount: numeric(z.number().finite().min(0).max(1e12)).optional(),
    district: districtName.optional(),
    location: coordinates.optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.kind === '投诉' || r.kind === '举报') && r.merchant === undefined) {
      ctx.addIssue({ code: 'custom', path: ['merchant'], message: `is required for ${r.kind}` });
    }
  });

/** 110 police alarm (接警). */
export const policeRecordSchema = z.object({
  caseNo: id(64),
  reportedAt: isoTime,
  alarmType: z.enum(ALARM_TYPES),
  summary: text(1, 2000),
  address: text(1, 500),
  level: numeric(z.number().int().min(1).max(4)).optional(),
  casualties: count.optional(),
  district: districtName.optional(),
  location: coordinates.optional(),
  callerPhone: phone.optional(),
});

/** Online public-opinion monitoring post (舆情). */
export const sentimentRecordSchema = z.object({
  postId: id(128),
  platform: z.enum(PLATFORMS),
  publishedAt: isoTime,
  text: text(1, 5000),
  author: z.object({ name: text(1, 100).optional(), followers: count.optional(), verified: z.boolean().optional() }).optional(),
  url: httpUrl.optional(),
  metrics: z.object({ reposts: count.optional(), comments: count.optional(), likes: count.optional(), views: count.optional() }).optional(),
  location: text(1, 100).optional(),
  topics: z.array(text(1, 100)).max(50).optional(),
});

export type HotlineRecord = z.infer<typeof hotlineRecordSchema>;
export type ConsumerRecord = z.infer<typeof consumerRecordSchema>;
export type PoliceRecord = z.infer<typeof policeRecordSchema>;
export type SentimentRecord = z.infer<typeof sentimentRecordSchema>;

export interface FeedRecordByChannel {
  '12345': HotlineRecord;
  '12315': ConsumerRecord;
  '110': PoliceRecord;
  sentiment: SentimentRecord;
}
export type FeedRecord = FeedRecordByChannel[Channel];

export const FEED_SCHEMAS: { [C in Channel]: z.ZodType<FeedRecordByChannel[C]> } = {
  '12345': hotlineRecordSchema,
  '12315': consumerRecordSchema,
  '110': policeRecordSchema,
  sentiment: sentimentRecordSchema,
};
