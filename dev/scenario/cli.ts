// `npm run --silent scenario -- [--domain] FILE`: runs a scenario and prints its result JSON.
// Exit 0 whenever the file is a scenario (failed steps are in `errors`); 2 with a one-line
// message on stderr when the file is unreadable or not a scenario.
import { readFileSync } from 'node:fs';
import { runScenarioThroughBundle } from './bundle-runner';
import { runScenarioOnDomain } from './domain-runner';
import { parseScenario, ScenarioFormatError } from './format';

export function main(argv: string[]): number {
  const domain = argv.includes('--domain');
  const args = argv.filter((a) => a !== '--domain');
  const file = args[0];
  if (!file || args.length > 1) {
    process.stderr.write('usage: npm run --silent scenario -- [--domain] FILE\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(
      `${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`,
    );
    return 2;
  }
  try {
    const scenario = parseScenario(text, file);
    const result = domain ? runScenarioOnDomain(scenario) : runScenarioThroughBundle(scenario);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ScenarioFormatError) {
      // One line, whatever the message quotes (JSON errors quote the file, values may hold newlines).
      process.stderr.write(`${e.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
      return 2;
    }
    throw e;
  }
}
