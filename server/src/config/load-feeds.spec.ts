import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultConfigDir } from './config.loader';
import { CONFIG_FILES, feedsSchema } from './config.schema';
import { feedAliasesOf } from './load-feeds';
import { configFiles, type CheckContext } from './read-files';

// config/feeds.yaml `aliases`: each spelling maps to a value its field has in the contract.

const shipped = (): any => parse(readFileSync(path.join(defaultConfigDir(), CONFIG_FILES.feeds), 'utf8'));

describe('config/feeds.yaml aliases', () => {
  let dir: string;
  let ctx: CheckContext;
  const read = (value: unknown) => {
    writeFileSync(path.join(dir, CONFIG_FILES.feeds), stringify(value));
    const problems: string[] = [];
    ctx = { files: configFiles(dir, false, problems), problems };
    return feedAliasesOf(ctx, ctx.files.read('feeds', feedsSchema));
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jointduty-feeds-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped spellings', () => {
    const aliases = read(shipped())!;
    expect(ctx.problems).toEqual([]);
    expect(aliases.urgency!['特急']).toBe('紧急');
    expect(aliases.appealType!['求决']).toBe('求助');
    expect(aliases.alarmType!['群体事件']).toBe('群体性事件');
  });

  it('takes a file without aliases', () => {
    expect(read({ keys: shipped().keys })).toEqual({ appealType: {}, urgency: {}, kind: {}, alarmType: {} });
    expect(ctx.problems).toEqual([]);
  });

  it('names a spelling mapped to no value of its field, and a field it does not know', () => {
    expect(read({ ...shipped(), aliases: { urgency: { 特急: '极急' } } })).toBeUndefined();
    expect(ctx.problems).toEqual([`${path.join(dir, 'feeds.yaml')}: aliases.urgency.特急: 极急 is not a value of urgency (一般 紧急)`]);
    expect(read({ ...shipped(), aliases: { platform: { 微博: 'weibo' } } })).toBeUndefined();
    expect(ctx.problems.join('\n')).toMatch(/aliases/);
  });
});
