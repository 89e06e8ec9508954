import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every word a user reads comes from the message files, in both languages: a component's template
// holds no text of its own, neither between tags nor in static attributes people read.
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const READ_ATTRIBUTES = ['title', 'placeholder', 'aria-label', 'alt', 'label'];

function vueFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return vueFiles(p);
    return e.name.endsWith('.vue') ? [p] : [];
  });
}

function template(source: string): string {
  const start = source.indexOf('<template>');
  const end = source.lastIndexOf('</template>');
  return start < 0 || end < 0 ? '' : source.slice(start + '<template>'.length, end);
}

/** Text a user would read that is written in the template itself. */
export function hardCoded(tpl: string): string[] {
  const bare = tpl.replace(/<!--[\s\S]*?-->/g, '').replace(/\{\{[\s\S]*?\}\}/g, ' ');
  const found: string[] = [];
  for (const m of bare.matchAll(/>([^<>]+)</g)) {
    const text = m[1]!.trim();
    // letters or Han characters; punctuation, numbers, symbols and separators are fine
    if (/[A-Za-z\u4e00-\u9fff]/.test(text)) found.push(text);
  }
  for (const attr of READ_ATTRIBUTES) {
    for (const m of bare.matchAll(new RegExp(`(?<![:@\\w-])${attr}="([^"]*)"`, 'g'))) {
      if (/[A-Za-z\u4e00-\u9fff]/.test(m[1]!)) found.push(`${attr}="${m[1]}"`);
    }
  }
  return found;
}

describe('texts in components', () => {
  it('finds text written into a template (the check itself)', () => {
    expect(hardCoded('<p>{{ t("a") }}</p><span>重大</span><b title="Close">x</b><i :title="t(\'b\')">{{ n }}</i>')).toEqual([
      '重大',
      'x',
      'title="Close"',
    ]);
    expect(hardCoded('<p>{{ a }} · {{ b }}</p><!-- 注释 --><span>+{{ more }}</span><em>—</em>')).toEqual([]);
  });

  it('no component shows text that is not in the message files', () => {
    const offenders = vueFiles(SRC).flatMap((file) =>
      hardCoded(template(fs.readFileSync(file, 'utf8'))).map((text) => `${path.relative(SRC, file)}: ${text}`),
    );
    expect(offenders).toEqual([]);
  });
});
