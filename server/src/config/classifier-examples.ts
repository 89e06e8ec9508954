import { z } from 'zod';

import type { Department } from './config.schema';

// config/classifier/examples.yaml: labelled texts the classifier's model is trained on, grouped
// by the category path (一级>二级 of departments.yaml) they belong to.

const categoryPath = z.string().regex(/^[^>\s]+(>[^>\s]+)*$/, 'must be a path like 市场监管>食品安全');
const exampleText = z.string().trim().min(2, 'must hold at least 2 characters');

export const classifierExamplesSchema = z.strictObject({
  examples: z.record(categoryPath, z.array(exampleText).min(1, 'must list at least one text')),
});

export type ClassifierExamples = z.infer<typeof classifierExamplesSchema>;

// Cross-file check: every label must be a category some department handles.
export function exampleProblems(departments: readonly Department[], examples: ClassifierExamples): string[] {
  const known = new Set(departments.flatMap((d) => d.categories));
  return Object.keys(examples.examples)
    .filter((label) => !known.has(label))
    .map((label) => `examples["${label}"]: ${label} is not a category of any department`);
}
