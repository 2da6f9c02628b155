import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { catalogEntriesFor, ruleCatalog } from '../catalog/catalog.js';
import { discoverFiles } from '../engine/discover.js';
import { InputError } from '../engine/errors.js';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/input-guards.js';
import { sortFindings } from '../engine/findings.js';
import { DEFAULT_JOBS, DEFAULT_TIMEOUT_MS, lintFiles } from '../engine/pool.js';
import type { Finding } from '../engine/findings.js';
import { PACKAGE_ROOT } from '../engine/package-root.js';
import { formatFindings, OUTPUT_FORMATS } from '../report/format.js';
import type { OutputFormat } from '../report/format.js';
import { formatCatalog, CATALOG_FORMATS } from './rules-command.js';
import type { CatalogFormat } from './rules-command.js';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const SEVERITIES = ['error', 'warn', 'info', 'hint'] as const;
type SeverityName = (typeof SEVERITIES)[number];

interface LintFlags {
  ruleset?: string;
  format: OutputFormat;
  output?: string;
  failSeverity: SeverityName;
  quiet?: boolean;
  refRoot?: string;
  allowRemoteRefs?: boolean;
  maxFileSize: number;
  jobs: number;
  timeout: number;
  debug?: boolean;
}

/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIO: CliIO = { stdout: t => process.stdout.write(t), stderr: t => process.stderr.write(t) };

export function version(): string {
  return (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI and resolves to its exit code. Never throws. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const program = new Command('specguard')
    .description('Finds API security flaws (OWASP API Security Top 10 2023) in OpenAPI 2.0, 3.0 and 3.1 descriptions.')
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run specguard --help for usage)');

  program
    .command('lint')
    .description('Lint API descriptions: files, folders (searched for OpenAPI/Swagger files, skipping node_modules) or globs.')
    .argument('<inputs...>', 'files, folders or quoted globs')
    .option('-r, --ruleset <file>', 'a Spectral ruleset (YAML, JSON or JS) to use instead of the bundled recommended one; "strict" names the bundled strict ruleset')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('-F, --fail-severity <severity>', 'lowest severity that makes the exit code 1').choices([...SEVERITIES]).default('error'))
    .option('-q, --quiet', 'print only the report: no summary line when nothing is found')
    .option('--ref-root <dir>', "folder that local $refs may not leave (default: each spec's own folder)")
    .option('--allow-remote-refs', 'fetch http(s) $refs (10 s timeout, 10 MB limit); off by default')
    .addOption(new Option('--max-file-size <MB>', 'largest spec or $ref\'d file read').argParser(positiveNumber).default(DEFAULT_MAX_FILE_BYTES / 1024 / 1024))
    .addOption(new Option('-j, --jobs <n>', 'files linted in parallel').argParser(positiveInteger).default(DEFAULT_JOBS))
    .addOption(new Option('--timeout <seconds>', 'per-file time budget; a file over it is reported as an error and the run goes on').argParser(positiveNumber).default(DEFAULT_TIMEOUT_MS / 1000))
    .option('--debug', 'print stack traces for internal errors')
    .addHelpText(
      'after',
      `
Examples:
  specguard lint openapi.yaml
  specguard lint api/ --format sarif --output specguard.sarif
  specguard lint 'specs/**/*.json' --ruleset .spectral.yaml --fail-severity warn
  specguard lint openapi.yaml --ruleset strict

Exit codes: 0 no finding at or above --fail-severity, 1 findings, 2 usage error or unreadable input.`,
    )
    .action(async (inputs: string[], flags: LintFlags) => {
      exitCode = await lintCommand(inputs, flags, io);
    });

  program
    .command('rules')
    .description('List every rule with its severity and OWASP, CWE, NIST 800-53, SOC 2 and HIPAA mappings.')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...CATALOG_FORMATS]).default('text'))
    .action((flags: { format: CatalogFormat }) => {
      io.stdout(formatCatalog(ruleCatalog(), flags.format));
    });

  program.addHelpText(
    'after',
    `
Examples:
  specguard lint openapi.yaml                 lint one file with the recommended ruleset
  specguard lint api/ --format json           lint every OpenAPI/Swagger file under api/
  specguard rules --format json               the rule catalog with OWASP/CWE/controls`,
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    io.stderr(describeError(error, debug));
    return EXIT.usage;
  }
}

async function lintCommand(inputs: string[], flags: LintFlags, io: CliIO): Promise<number> {
  const maxFileBytes = Math.round(flags.maxFileSize * 1024 * 1024);
  const { files, errors } = await discoverFiles(inputs, maxFileBytes);
  const options = {
    ...(flags.ruleset !== undefined ? { ruleset: flags.ruleset } : {}),
    ...(flags.refRoot !== undefined ? { refRoot: flags.refRoot } : {}),
    allowRemoteRefs: flags.allowRemoteRefs === true,
    maxFileBytes,
  };
  const findings: Finding[] = [];
  for (const outcome of await lintFiles(files, options, { jobs: flags.jobs, timeoutMs: flags.timeout * 1000 })) {
    if (outcome.error) errors.push(outcome.error);
    // A loop, not push(...results): a spread of hundreds of thousands of results overflows the stack.
    for (const finding of outcome.findings) findings.push(finding);
  }
  // A broken ruleset fails every file the same way: each distinct message is said once.
  for (const message of new Set(errors.map(e => e.message))) io.stderr(`specguard: ${message}\n`);

  const failSeverity = SEVERITIES.indexOf(flags.failSeverity) as Finding['severity'];
  sortFindings(findings);
  const report = await formatFindings(findings, flags.format, {
    failSeverity,
    catalog: catalogEntriesFor(findings),
    version: version(),
    baseDir: process.cwd(),
  });
  const quietEmpty = flags.quiet === true && findings.length === 0 && flags.format === 'stylish';
  if (flags.output !== undefined) {
    await fs.writeFile(flags.output, report.endsWith('\n') ? report : `${report}\n`);
  } else if (!quietEmpty && report.trim() !== '') {
    io.stdout(report.endsWith('\n') ? report : `${report}\n`);
  } else if (!quietEmpty && findings.length === 0 && flags.format === 'stylish' && errors.length === 0) {
    io.stdout(`No findings in ${files.length} file${files.length === 1 ? '' : 's'}.\n`);
  }

  if (errors.length > 0) return EXIT.usage;
  return findings.some(f => f.severity <= failSeverity) ? EXIT.findings : EXIT.ok;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function describeError(error: unknown, debug: boolean): string {
  if (error instanceof InputError) return `specguard: ${error.message}\n`;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `specguard: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}${stack}\n`;
}

/** Entry point for bin/specguard.js. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await run(argv);
  process.exitCode = code;
}
