import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { classifierExamplesSchema } from './classifier-examples';
import { sensitiveLexiconSchema, sentimentLexiconSchema } from './lexicons';
import {
  accountsSchema,
  citySchema,
  CONFIG_FILES,
  ConfigError,
  departmentsSchema,
  districtsGeoSchema,
  feedsSchema,
  eventsSchema,
  gazetteerSchema,
  profilesSchema,
  rosterSchema,
  rulesSchema,
  storyLexiconSchema,
  subjectLexiconSchema,
  teamsSchema,
  type AppConfig,
} from './config.schema';
import { calendarOf } from './load-calendar';
import { nonEmpty, readEnv } from './load-env';
import { feedAliasesOf, feedKeysOf } from './load-feeds';
import { ordersOf } from './load-orders';
import { reportsOf } from './load-reports';
import { checkAccounts, checkClassifierExamples, checkDepartments, checkTeams } from './load-organisation';
import { checkCity, checkDistrictsGeo, gazetteerOf } from './load-places';
import { checkProfiles, checkRules } from './load-rules';
import { readSimulator, simulatorProblems } from './load-simulator';
import { calendarSchema, ordersSchema, reportsSchema } from './orders.schema';
import { configFiles, type CheckContext } from './read-files';

export { DEV_FEED_KEY, feedKeyVariable } from './load-feeds';

export interface LoadConfigOptions {
  // default: env CONFIG_DIR, else the repository's config/
  configDir?: string;
  // default: process.env
  env?: NodeJS.ProcessEnv;
}

// Reads, validates and cross-checks config/ and the environment once. Throws one ConfigError
// listing every problem found, so an operator fixes them in one pass: the environment's first,
// then each file's own, then those between files.
export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const problems: string[] = [];
  const configDir = path.resolve(opts.configDir ?? (nonEmpty(env.CONFIG_DIR) || defaultConfigDir()));
  const files = configFiles(configDir, configDir === defaultConfigDir(), problems);
  const ctx: CheckContext = { files, problems };

  const envConfig = readEnv(env, configDir, problems);

  const city = files.read('city', citySchema);
  const districtsGeo = files.read('districtsGeo', districtsGeoSchema);
  const departments = files.read('departments', departmentsSchema);
  const teams = files.read('teams', teamsSchema);
  const accounts = files.read('accounts', accountsSchema);
  const rules = files.read('rules', rulesSchema);
  const feeds = files.read('feeds', feedsSchema);
  const simulator = readSimulator(files, envConfig.simulator, problems);
  const gazetteerFile = files.read('gazetteer', gazetteerSchema);
  const events = files.read('events', eventsSchema);
  const profiles = files.read('profiles', profilesSchema);
  const roster = files.read('roster', rosterSchema);
  const subjectLexicon = files.read('subjectLexicon', subjectLexiconSchema);
  const storyLexicon = files.read('storyLexicon', storyLexiconSchema);
  const sentimentLexicon = files.read('sentimentLexicon', sentimentLexiconSchema);
  const sensitiveLexicon = files.read('sensitiveLexicon', sensitiveLexiconSchema);
  const classifierExamples = files.read('classifierExamples', classifierExamplesSchema);
  const calendarFile = files.read('calendar', calendarSchema);
  const ordersFile = files.read('orders', ordersSchema);
  const reportsFile = files.read('reports', reportsSchema);

  // between files, each check on the files that parsed
  checkClassifierExamples(ctx, departments, classifierExamples);
  checkCity(ctx, city);
  checkDistrictsGeo(ctx, city, districtsGeo);
  checkDepartments(ctx, departments, city);
  checkTeams(ctx, teams, city, departments);
  checkAccounts(ctx, accounts, teams, departments);
  checkProfiles(ctx, profiles, rules);
  checkRules(ctx, rules);
  const gazetteer = gazetteerOf(ctx, city, gazetteerFile);
  const calendar = calendarOf(ctx, calendarFile);
  const orders = ordersOf(ctx, ordersFile);
  const reports = reportsOf(ctx, reportsFile);
  const feedKeys = feedKeysOf(ctx, feeds, env, envConfig.production);
  const feedAliases = feedAliasesOf(ctx, feeds);
  if (simulator) problems.push(...simulatorProblems(simulator, city, files.label('simulator'), files.label('city')));

  if (problems.length > 0) throw new ConfigError(problems);
  // every part parsed when no problem was recorded
  return {
    env: envConfig,
    city: city!,
    districtsGeo: districtsGeo!,
    departments: departments!.departments,
    teams: teams!.teams,
    accounts: accounts!.accounts,
    rules: rules!.rules,
    feedKeys: feedKeys!,
    feedAliases: feedAliases!,
    simulator: simulator ?? null,
    gazetteer: gazetteer!,
    events: events!,
    profiles: profiles!.profiles,
    roster: roster!.roster,
    subjectLexicon: subjectLexicon!,
    storyLexicon: storyLexicon!,
    sentimentLexicon: sentimentLexicon!,
    sensitiveLexicon: sensitiveLexicon!,
    classifierExamples: classifierExamples!,
    calendar: calendar!,
    orders: orders!,
    reports: reports!,
  };
}

// The repository's config/: the nearest config/city.yaml above this file, so it works from
// server/src/config (ts, jest) and server/dist/config (built) alike.
let cachedDefaultDir: string | undefined;
export function defaultConfigDir(): string {
  if (cachedDefaultDir) return cachedDefaultDir;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'config');
    if (candidate !== __dirname && existsSync(path.join(candidate, CONFIG_FILES.city))) {
      return (cachedDefaultDir = candidate);
    }
    if (path.dirname(dir) === dir) break;
  }
  return (cachedDefaultDir = path.resolve(__dirname, '../../../config'));
}
