import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { CONFIG_FILES, type ConfigFile } from './config.schema';

// a broken geojson can yield thousands of issues: report the first few of each file
const MAX_PROBLEMS_PER_FILE = 20;

// The files of one config directory, each named in problems as the operator knows it:
// config/teams.yaml for the repository's own, the full path for a CONFIG_DIR elsewhere.
export interface ConfigFiles {
  label(file: ConfigFile): string;
  exists(file: ConfigFile): boolean;
  // the file parsed and checked against its schema; undefined after recording its problems
  read<S extends z.ZodType>(file: ConfigFile, schema: S): z.output<S> | undefined;
}

// What every check of the loader gets: the files (to name them) and the list of problems it adds to.
export interface CheckContext {
  files: ConfigFiles;
  problems: string[];
}

export function configFiles(configDir: string, isDefaultDir: boolean, problems: string[]): ConfigFiles {
  const label = (file: ConfigFile): string => (isDefaultDir ? `config/${CONFIG_FILES[file]}` : path.join(configDir, CONFIG_FILES[file]));
  return {
    label,
    exists: (file) => existsSync(path.join(configDir, CONFIG_FILES[file])),
    read: (file, schema) => {
      const fileLabel = label(file);
      const raw = readSource(path.join(configDir, CONFIG_FILES[file]), fileLabel, problems);
      if (raw === undefined) return undefined;
      const parsed = schema.safeParse(raw, {
        error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined),
      });
      if (parsed.success) return parsed.data;
      const issues = parsed.error.issues;
      for (const issue of issues.slice(0, MAX_PROBLEMS_PER_FILE)) {
        problems.push(`${fileLabel}: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
      }
      if (issues.length > MAX_PROBLEMS_PER_FILE) {
        problems.push(`${fileLabel}: … and ${issues.length - MAX_PROBLEMS_PER_FILE} more problems`);
      }
      return undefined;
    },
  };
}

function readSource(file: string, fileLabel: string, problems: string[]): unknown {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(`${fileLabel}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`}`);
    return undefined;
  }
  if (file.endsWith('.json') || file.endsWith('.geojson')) {
    try {
      return JSON.parse(source) as unknown;
    } catch (err) {
      problems.push(`${fileLabel}: invalid JSON: ${(err as Error).message}`);
      return undefined;
    }
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, MAX_PROBLEMS_PER_FILE)) {
      const at = e.linePos?.[0];
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      problems.push(`${fileLabel}: ${at ? `line ${at.line}, column ${at.col}: ` : ''}${message}`);
    }
    return undefined;
  }
  return doc.toJS() as unknown;
}

// ['teams', 2, 'district'] → teams[2].district
function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const key of p) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

// [index, value] of each value that occurred earlier in the list
export function duplicates(values: string[]): Array<[number, string]> {
  const seen = new Set<string>();
  const out: Array<[number, string]> = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push([i, v]);
    seen.add(v);
  });
  return out;
}
