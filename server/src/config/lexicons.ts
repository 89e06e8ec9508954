import { z } from 'zod';

// config/lexicons/sentiment.yaml and config/lexicons/sensitive.yaml: the words the public-opinion
// signals read. Formats are described at the top of each file.

// YAML reads a key like 555 as a number, but an object's keys are strings once parsed.
// zod 4 numbers are finite: NaN and Infinity fail on their own.
const word = z.string().min(1, 'must not be empty').max(20, 'must be at most 20 characters').regex(/^\S+$/, 'must not contain spaces');
const weight = z.number().min(0.1, 'must be at least 0.1').max(5, 'must be at most 5');
const multiplier = z.number().min(0.1, 'must be at least 0.1').max(3, 'must be at most 3');
const emoticon = z.string().regex(/^\[[^[\]\s]{1,12}\]$/, 'must be a bracketed name like [泪]');
const signedWeight = z
  .number()
  .min(-5, 'must be at least -5')
  .max(5, 'must be at most 5')
  .refine((n) => n !== 0, 'must not be 0');
const wordList = z.array(word).min(1, 'must list at least one word');

export const sentimentLexiconSchema = z
  .strictObject({
    negative: z.record(word, weight),
    positive: z.record(word, weight),
    negation: wordList,
    degree: z.record(word, multiplier),
    emoticons: z.record(emoticon, signedWeight),
  })
  .superRefine((lex, ctx) => {
    for (const w of Object.keys(lex.negative)) {
      if (Object.hasOwn(lex.positive, w)) ctx.addIssue({ code: 'custom', path: ['positive', w], message: `${w} is also negative` });
    }
    const sentiment = (w: string) => Object.hasOwn(lex.negative, w) || Object.hasOwn(lex.positive, w);
    for (const w of lex.negation) {
      if (sentiment(w)) ctx.addIssue({ code: 'custom', path: ['negation'], message: `${w} is also a sentiment word` });
      if (Object.hasOwn(lex.degree, w)) ctx.addIssue({ code: 'custom', path: ['negation'], message: `${w} is also a degree word` });
    }
  });

export type SentimentLexicon = z.infer<typeof sentimentLexiconSchema>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and -');

export const sensitiveLexiconSchema = z
  .strictObject({
    unlessWithin: z.number().int().min(0).max(10).default(4),
    topics: z
      .array(
        z.strictObject({
          id,
          label: word,
          words: wordList,
          unless: z.array(word).default([]),
        }),
      )
      .min(1, 'must list at least one topic'),
  })
  .superRefine((lex, ctx) => {
    const seen = new Set<string>();
    lex.topics.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `${t.id} is listed twice` });
      seen.add(t.id);
    });
  });

export type SensitiveLexicon = z.infer<typeof sensitiveLexiconSchema>;
