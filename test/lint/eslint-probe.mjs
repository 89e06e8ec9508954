// Asks the repository's ESLint, in one process, for the max-lines setting of some files and the
// messages for some texts linted as if at a path. Reads a JSON request on stdin, writes JSON out.
// Used by boundaries.spec.ts: Jest cannot load eslint.config.mjs itself.
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { configFor = [], lint = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({ cwd: process.cwd() });
const maxLines = {};
for (const file of configFor) {
  const config = await eslint.calculateConfigForFile(file);
  maxLines[file] = config?.rules?.['max-lines'] ?? null;
}
const messages = [];
for (const { filePath, text } of lint) {
  const [result] = await eslint.lintText(text, { filePath });
  messages.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify({ maxLines, messages }));
