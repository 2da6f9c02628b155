import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { catalogEntriesFor, ruleCatalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/catalog.js';
import { filterCatalog, OWASP_SPELLINGS, parseOwaspCategory, parseRuleSetting, RULE_SETTING_SPELLINGS } from '../catalog/filter.js';
import type { CatalogFilter } from '../catalog/filter.js';
import { diffCatalog, runDiff } from '../diff/index.js';
import { InputError } from '../parse/errors.js';
import { STDIN } from '../findings/findings.js';
import { DEFAULT_MAX_FILE_BYTES } from '../parse/input-guards.js';
import { DEFAULT_JOBS, DEFAULT_TIMEOUT_MS } from '../engine/pool.js';
import { inputFormatLabels } from '../input/index.js';
import { PACKAGE_VERSION } from '../package/package-info.js';
import { convertRamlFile, serializeOpenApi } from './convert-command.js';
import { COLORS, colorWanted } from '../report/color.js';
import { baselineNote, exemptedNote, plural, severityCounts } from '../report/shared.js';
import { writeBaseline } from '../results/baseline.js';
import { EXIT, exitCodeOf, runLint } from '../run/pipeline.js';
import type { RunOutcome, RunRequest } from '../run/pipeline.js';
import { runSummary } from '../results/summary.js';
import type { Summary } from '../results/summary.js';
import { parseSeverity, SEVERITY_SPELLINGS } from '../findings/severity.js';
import type { RuleSetting, SeverityLevel } from '../findings/severity.js';
import { BUNDLED_RULESET_NAMES } from '../rule-kit.js';
import { FORMATS_WITH_SUMMARY, formatFindings, OUTPUT_FORMATS } from '../report/format.js';
import type { OutputFormat } from '../report/format.js';
import { progressBar } from '../report/progress.js';
import { rulesetIdentity } from '../engine/ruleset-identity.js';
import { parseShard } from '../results/shard.js';
import type { Shard } from '../results/shard.js';
import { MERGE_FORMATS, mergeReports } from '../report/merge.js';
import type { MergeFormat } from '../report/merge.js';
import { formatCatalog, CATALOG_FORMATS } from './rules-command.js';
import { EXEMPTION_LIST_FORMATS, formatExemptionList, listExemptions } from './exemptions-command.js';
import type { ExemptionListFormat } from './exemptions-command.js';
import { checkWritable } from './output-file.js';
import { DEFAULT_DOCS_URL, parseDocsUrl, REPORT_FORMATS, reportCommand } from './report-command.js';
import type { ReportFlags as ReportCommandFlags } from './report-command.js';
import type { CatalogFormat } from './rules-command.js';

export { EXIT };

/** Where a usage error sends the user: the help of the command they ran. */
const helpHint = (command?: string) => `(run specguard ${command === undefined ? '' : `${command} `}--help for usage)`;

/** What RAML users need to know from the help: where its findings are reported. */
const RAML_POSITIONS = 'RAML is checked as its OpenAPI 3.0 equivalent, with each finding reported at the RAML file and line it comes from.';

interface LintFlags {
  ruleset?: string;
  format: OutputFormat;
  output?: string;
  failSeverity: SeverityLevel;
  baseline?: string;
  updateBaseline?: boolean;
  color?: boolean;
  quiet?: boolean;
  refRoot?: string;
  allowRemoteRefs?: boolean;
  maxFileSize: number;
  jobs: number;
  /** Seconds; undefined when not given, so a small run may be linted without a worker (see lintFiles). */
  timeout?: number;
  debug?: boolean;
  progress?: boolean;
  stdinFilepath?: string;
  ignoreUnknown?: boolean;
  shard?: Shard;
  showExempted?: boolean;
  requireExemptionOwner?: boolean;
  requireExemptionExpiry?: boolean;
}

/** The input that reads one API description from standard input, as in cat, eslint and prettier. */
const STDIN_ARGUMENT = '-';

/** Standard input as the CLI reads it; a function, so a run that does not read it never opens it. */
export type StdinSource = () => AsyncIterable<Uint8Array | string> & { isTTY?: boolean };

/** Where the CLI writes; injectable so tests can run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours) and how wide (wrapping). */
  isTTY?: boolean;
  columns?: number;
  /** Whether stderr is a terminal (a progress bar on runs of several files) and how wide. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
  /** Where `specguard lint -` reads from. */
  stdin?: StdinSource;
  /** The time it is: exemptions expire against its date (tests fix it). */
  now?: () => Date;
}

const processIO: CliIO = {
  stdin: () => process.stdin,
  stdout: t => void process.stdout.write(t),
  stderr: t => void process.stderr.write(t),
  isTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stderr.isTTY && process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
};

export function version(): string {
  return PACKAGE_VERSION;
}

/** Runs the CLI and resolves to its exit code. Never throws. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const debug = argv.includes('--debug');
  const formats = new Intl.ListFormat('en', { type: 'conjunction' }).format(inputFormatLabels());
  const program = new Command('specguard')
    .description(`Finds API security flaws (OWASP API Security Top 10 2023) in ${formats} API descriptions. ${RAML_POSITIONS}`)
    .version(version(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(helpHint());

  // The options lint and diff share, each written once (a fresh Option per command).
  const shared = {
    format: () => new Option('-f, --format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('stylish'),
    output: () => new Option('-o, --output <file>', 'write the report to a file instead of stdout'),
    failSeverity: () =>
      new Option('-F, --fail-severity <severity>', `lowest severity that makes the exit code 1: ${SEVERITY_SPELLINGS.join(', ')}`)
        .argParser(severityOption)
        .default(0, 'error'),
    allowRemoteRefs: () => new Option('--allow-remote-refs', 'fetch http(s) $refs (10 s timeout, 10 MB limit); off by default'),
    maxFileSize: () =>
      new Option('--max-file-size <MB>', "largest spec or $ref'd file read")
        .argParser(positiveNumber)
        .default(DEFAULT_MAX_FILE_BYTES / 1024 / 1024),
    jobs: () => new Option('-j, --jobs <n>', 'files linted in parallel').argParser(positiveInteger).default(DEFAULT_JOBS),
    timeout: () =>
      new Option('--timeout <seconds>', 'per-file time budget; a file over it is reported as an error and the run goes on')
        .argParser(positiveNumber)
        .default(DEFAULT_TIMEOUT_MS / 1000),
  };

  program
    .command('lint')
    .showHelpAfterError(helpHint('lint'))
    .summary(`Lint ${formats} API descriptions (RAML findings at the RAML file and line).`)
    .description(
      `Lint API descriptions (${formats}): files, folders (searched for root API descriptions, skipping node_modules and .git) or globs. ${RAML_POSITIONS}`,
    )
    .argument('<inputs...>', 'files, folders or quoted globs; - reads one API description from standard input')
    .option(
      '-r, --ruleset <file>',
      'a Spectral ruleset (YAML, JSON or JS) to use instead of the bundled recommended one; "strict" names the bundled strict ruleset',
    )
    .addOption(shared.format())
    .addOption(shared.output())
    .addOption(shared.failSeverity())
    .option('-q, --quiet', 'print only the report: no summary line when nothing is found')
    .option('--ref-root <dir>', "folder that local $refs may not leave (default: each spec's own folder)")
    .addOption(shared.allowRemoteRefs())
    .addOption(shared.maxFileSize())
    .addOption(shared.jobs())
    .addOption(shared.timeout())
    .option('--show-exempted', 'list the findings exemptions in the spec cover (stylish, markdown, html; JSON and SARIF always carry them)')
    .option('--require-exemption-owner', 'an exemption in the spec without an owner exempts nothing and is reported')
    .option('--require-exemption-expiry', 'an exemption in the spec without an expiry date exempts nothing and is reported')
    .option('--baseline <file>', 'do not report findings listed in this baseline file (see --update-baseline)')
    .option('--update-baseline', 'write every current finding to the --baseline file and exit 0')
    .option('--no-color', 'no colours in the terminal report (also: NO_COLOR=1); FORCE_COLOR=1 forces them')
    .option('--no-progress', 'no progress bar (shown on a terminal while several files are linted)')
    .option(
      '--ignore-unknown',
      'skip named files that are not API descriptions (other YAML and JSON, RAML fragments) instead of reporting them, as a folder search does; for pre-commit hooks and lint-staged',
    )
    .option(
      '--stdin-filepath <path>',
      'the file name findings in standard input (-) are reported at, and its relative $refs resolve from (default: <stdin>)',
    )
    .addOption(
      new Option(
        '--shard <i/n>',
        'lint only shard i of n (1-based) of the files found, for a CI matrix; join the reports with specguard merge',
      ).argParser(shardOption),
    )
    .option('--debug', 'print stack traces for internal errors')
    .addHelpText(
      'after',
      `
Examples:
  specguard lint openapi.yaml
  specguard lint api.raml
  cat openapi.yaml | specguard lint - --stdin-filepath api/openapi.yaml
  specguard lint api/ --format sarif --output specguard.sarif
  specguard lint 'specs/**/*.json' --ruleset .spectral.yaml --fail-severity warn
  specguard lint openapi.yaml --ruleset strict

Exit codes: 0 no finding at or above --fail-severity, 1 findings, 2 usage error or unreadable input.`,
    )
    .action(async (inputs: string[], flags: LintFlags, command: Command) => {
      // A budget asked for is enforced on every file, which only a worker thread allows (see lintFiles).
      const budgetAsked = command.getOptionValueSource('timeout') !== 'default';
      exitCode = await lintCommand(inputs, { ...flags, timeout: budgetAsked ? flags.timeout : undefined }, io);
    });

  program
    .command('diff')
    .showHelpAfterError(helpHint('diff'))
    .summary(
      'Report what got weaker between two versions of an API (security, scopes, input bounds, exposure, servers, sunsets, new findings).',
    )
    .description(
      `Compare two versions of an API description (${formats}) and report what got weaker: lost security, dropped or widened scopes, weaker schemes, loosened input bounds, sensitive fields newly returned, servers moved to http or to an internal host, sunset dates moved later, and the lint findings NEW has that OLD did not. OLD and NEW are two files, two folders (files paired by relative path), or git:REF:path for either.`,
    )
    .argument('<old>', 'the earlier version: a file, a folder, or git:REF:path (read with git show)')
    .argument('<new>', 'the later version: a file, a folder, or git:REF:path')
    .option(
      '-r, --ruleset <file>',
      'the Spectral ruleset whose new findings are reported (default: the bundled recommended one); "strict" names the bundled strict ruleset',
    )
    .addOption(shared.format())
    .addOption(shared.output())
    .addOption(shared.failSeverity())
    .option('-q, --quiet', 'print only the report: no summary line when nothing got weaker')
    .option('--baseline <file>', 'do not report regressions and findings listed in this baseline file')
    .addOption(shared.allowRemoteRefs())
    .addOption(shared.maxFileSize())
    .addOption(shared.jobs())
    .addOption(shared.timeout())
    .option('--no-color', 'no colours in the terminal report (also: NO_COLOR=1); FORCE_COLOR=1 forces them')
    .option('--debug', 'print stack traces for internal errors')
    .addHelpText(
      'after',
      `
Examples:
  specguard diff git:main:api/openapi.yaml api/openapi.yaml
  specguard diff old/ new/ --format sarif --output specguard-diff.sarif
  specguard diff v1.yaml v2.yaml --fail-severity warn

Exit codes: 0 nothing got weaker at or above --fail-severity, 1 regressions, 2 usage error or unreadable input.`,
    )
    .action(async (old: string, current: string, flags: DiffFlags, command: Command) => {
      // As for lint: a budget asked for is enforced on every file, which only a worker thread allows.
      const budgetAsked = command.getOptionValueSource('timeout') !== 'default';
      exitCode = await diffCommand(old, current, { ...flags, timeout: budgetAsked ? flags.timeout : undefined }, io);
    });

  program
    .command('convert')
    .showHelpAfterError(helpHint('convert'))
    .description('Convert a RAML 0.8 or 1.0 API to the OpenAPI 3.0 document specguard lints (RAML file and line positions are lost).')
    .argument('<file>', 'the RAML root API file')
    .option('-o, --output <file>', 'write to this file (.json for JSON, else YAML) instead of stdout')
    .option('--allow-remote-refs', 'read http(s) includes; off by default')
    .addOption(
      new Option('--max-file-size <MB>', 'largest RAML or included file read')
        .argParser(positiveNumber)
        .default(DEFAULT_MAX_FILE_BYTES / 1024 / 1024),
    )
    .action(async (file: string, flags: { output?: string; allowRemoteRefs?: boolean; maxFileSize: number }) => {
      if (flags.output !== undefined) await checkWritable(flags.output, '--output');
      const openapi = await convertRamlFile(file, {
        allowRemoteRefs: flags.allowRemoteRefs,
        maxFileBytes: flags.maxFileSize * 1024 * 1024,
      });
      const text = serializeOpenApi(openapi, flags.output);
      if (flags.output === undefined) io.stdout(text);
      else await fs.writeFile(flags.output, text);
    });

  program
    .command('merge')
    .showHelpAfterError(helpHint('merge'))
    .description(
      'Merge the JSON or SARIF reports of a sharded run (lint --shard i/n) into the one report the unsharded run gives. Run it in the folder the shards ran in.',
    )
    .argument('<files...>', 'the reports of the shards, all JSON or all SARIF')
    .addOption(new Option('-f, --format <format>', 'the format of the reports (default: that of the first)').choices([...MERGE_FORMATS]))
    .option('-o, --output <file>', 'write the merged report to a file instead of stdout')
    .addHelpText(
      'after',
      `
Example:
  specguard merge shard-*.sarif -o specguard.sarif

Exit codes: 0 merged (a file the shards could not lint stays an error in the report), 2 the reports cannot be merged.`,
    )
    .action(async (files: string[], flags: { format?: MergeFormat; output?: string }) => {
      if (flags.output !== undefined) await checkWritable(flags.output, '--output');
      const merged = await mergeReports(files, flags.format, process.cwd());
      const notLinted = merged.notLinted > 0 ? `, ${plural(merged.notLinted, 'file')} that could not be linted` : '';
      const counts = `${plural(merged.findings, merged.format === 'sarif' ? 'result' : 'finding')}${notLinted}`;
      // Ended by a newline, as lint ends its reports, so the two compare byte for byte.
      const report = [...merged.chunks, '\n'];
      if (flags.output === undefined) for (const chunk of report) io.stdout(chunk);
      else await fs.writeFile(flags.output, report);
      io.stderr(
        `specguard: merged ${plural(files.length, `${merged.format} report`)}${flags.output === undefined ? '' : ` into ${flags.output}`}: ${counts}\n`,
      );
    });

  program
    .command('exemptions')
    .showHelpAfterError(helpHint('exemptions'))
    .description(
      'List every exemption the API descriptions write (x-specguard-exempt; RAML (specguard-exempt)) with its file:line, rule, reason, owner and expiry, soonest expiry first.',
    )
    .argument('<inputs...>', 'files, folders or quoted globs, as lint reads them')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...EXEMPTION_LIST_FORMATS]).default('text'))
    .option('--fail-expired', 'exit 1 when an exemption has expired')
    .option('--require-exemption-owner', 'show an exemption without an owner as invalid, as lint with this flag reports it')
    .option('--require-exemption-expiry', 'show an exemption without an expiry date as invalid, as lint with this flag reports it')
    .addOption(
      new Option('--max-file-size <MB>', 'largest spec or included file read')
        .argParser(positiveNumber)
        .default(DEFAULT_MAX_FILE_BYTES / 1024 / 1024),
    )
    .addHelpText(
      'after',
      `
Examples:
  specguard exemptions api/
  specguard exemptions api/ --format markdown --fail-expired

Exit codes: 0 listed (expired ones too, unless --fail-expired), 1 an exemption has expired and --fail-expired was given, 2 usage error or unreadable input.`,
    )
    .action(
      async (
        inputs: string[],
        flags: {
          format: ExemptionListFormat;
          failExpired?: boolean;
          requireExemptionOwner?: boolean;
          requireExemptionExpiry?: boolean;
          maxFileSize: number;
        },
      ) => {
        const list = await listExemptions(inputs, {
          maxFileBytes: Math.round(flags.maxFileSize * 1024 * 1024),
          policy: {
            today: io.now?.() ?? new Date(),
            requireOwner: flags.requireExemptionOwner === true,
            requireExpiry: flags.requireExemptionExpiry === true,
          },
        });
        for (const message of new Set(list.errors.map(e => e.message))) io.stderr(`specguard: ${message}\n`);
        io.stdout(formatExemptionList(list.exemptions, flags.format, process.cwd()));
        const expired = list.exemptions.some(e => e.status === 'expired');
        exitCode = list.errors.length > 0 ? EXIT.usage : flags.failExpired === true && expired ? EXIT.findings : EXIT.ok;
      },
    );

  program
    .command('report')
    .showHelpAfterError(helpHint('report'))
    .summary('Write a report a person reads: a score, findings by OWASP category, compliance coverage and the fixes worth most, per API.')
    .description(
      `Lint API descriptions as specguard lint does and write one report: per API a 0-100 score, findings by OWASP API Top 10 2023 category and severity, the controls of each compliance framework checked and those with findings, exempted findings, and the fixes that raise the score most; several APIs get a summary table, worst first. ${RAML_POSITIONS}`,
    )
    .argument('<inputs...>', 'files, folders or quoted globs')
    .option(
      '-r, --ruleset <file>',
      'a Spectral ruleset (YAML, JSON or JS) to use instead of the bundled recommended one; "strict" names the bundled strict ruleset',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices([...REPORT_FORMATS]).default('html'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option('--docs-url <base>', 'where rule pages are linked: <base><rule>.md (an http(s) or file URL, or a relative path)')
        .argParser(docsUrlOption)
        .default(DEFAULT_DOCS_URL),
    )
    .addHelpText(
      'after',
      `
Examples:
  specguard report api/ -o specguard-report.html
  specguard report openapi.yaml --format markdown > report.md
  specguard report specs/ --format json --ruleset strict -o report.json

Exit codes: 0 report written, 2 usage error, or an input that could not be linted (it is in the report, not scored).`,
    )
    .action(async (inputs: string[], flags: ReportCommandFlags) => {
      exitCode = await reportCommand(inputs, flags, io, version());
    });

  program
    .command('rules')
    .showHelpAfterError(helpHint('rules'))
    .description(
      'List every rule with its severity and OWASP, CWE, NIST 800-53, SOC 2 and HIPAA mappings; filter by OWASP category and by severity in a bundled ruleset.',
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices([...CATALOG_FORMATS]).default('text'))
    .addOption(
      new Option('--ruleset <name>', 'the bundled ruleset whose severities are shown and filtered')
        .choices([...BUNDLED_RULESET_NAMES])
        .default('recommended'),
    )
    .addOption(
      new Option('--owasp <category>', `only rules mapped to this OWASP API Security Top 10 2023 category: ${OWASP_SPELLINGS}`).argParser(
        owaspOption,
      ),
    )
    .addOption(
      new Option('--severity <severity>', `only rules at this severity in the ruleset: ${RULE_SETTING_SPELLINGS.join(', ')}`).argParser(
        ruleSettingOption,
      ),
    )
    .addHelpText(
      'after',
      `
Examples:
  specguard rules --owasp API2                          the rules for broken authentication
  specguard rules --ruleset strict --severity warn      what strict reports as warnings
  specguard rules --severity off                        the rules recommended leaves off`,
    )
    .action((flags: { format: CatalogFormat } & Required<Pick<CatalogFilter, 'ruleset'>> & CatalogFilter) => {
      io.stdout(formatCatalog(filterCatalog(ruleCatalog(), flags), flags.format, flags.ruleset));
    });

  program.addHelpText(
    'after',
    `
Examples:
  specguard lint openapi.yaml                 lint one file with the recommended ruleset
  specguard lint api.raml                     lint a RAML API; findings at RAML file:line
  specguard lint api/ --format json           lint every OpenAPI, Swagger and RAML API under api/
  specguard diff git:main:api.yaml api.yaml   what got weaker since main
  specguard report api/ -o report.html        a scored report per API, one self-contained page
  specguard rules --format json               the rule catalog with OWASP/CWE/controls
  specguard exemptions api/                   every exemption in the specs, soonest expiry first
  specguard convert api.raml -o openapi.yaml  a RAML API as OpenAPI 3.0`,
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
  const failSeverity = flags.failSeverity;
  const root = process.cwd();
  // Checked before linting: a run of minutes must not end in "cannot write the report".
  if (flags.output !== undefined) await checkWritable(flags.output, '--output');
  if (flags.updateBaseline && flags.baseline === undefined)
    throw new InputError('--update-baseline', 'needs --baseline <file> to say where to write');
  if (flags.updateBaseline) await checkWritable(flags.baseline!, '--baseline');
  const stdin = stdinRequest(inputs, flags.stdinFilepath, io);
  // A shard sees only its files: a baseline written from it would drop every other shard's findings.
  if (flags.updateBaseline && flags.shard !== undefined)
    throw new InputError('--update-baseline', 'cannot be used with --shard: run it once over all the files');
  const maxFileBytes = Math.round(flags.maxFileSize * 1024 * 1024);
  const bar =
    flags.progress !== false && flags.quiet !== true && io.stderrIsTTY === true ? progressBar(io.stderr, io.stderrColumns) : undefined;
  const outcome = await runLint({
    inputs: inputs.filter(input => input !== STDIN_ARGUMENT),
    ignoreUnknown: flags.ignoreUnknown === true,
    ...(stdin !== undefined ? { stdin } : {}),
    lint: {
      ...(flags.ruleset !== undefined ? { ruleset: flags.ruleset } : {}),
      ...(flags.refRoot !== undefined ? { refRoot: flags.refRoot } : {}),
      allowRemoteRefs: flags.allowRemoteRefs === true,
      maxFileBytes,
    },
    pool: {
      jobs: flags.jobs,
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
      ...(bar !== undefined ? { onFileDone: (done: number, total: number) => total > 1 && bar.update(done, total) } : {}),
    },
    ...(flags.baseline !== undefined && !flags.updateBaseline ? { baseline: flags.baseline } : {}),
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    exemptions: {
      today: io.now?.() ?? new Date(),
      requireOwner: flags.requireExemptionOwner === true,
      requireExpiry: flags.requireExemptionExpiry === true,
    },
    root,
  }).finally(() => bar?.end());
  // Each on one line, and once: an input named twice fails twice the same way.
  for (const message of new Set(outcome.errors.map(e => e.message))) io.stderr(`specguard: ${message}\n`);

  if (flags.updateBaseline) {
    await writeBaseline(flags.baseline!, outcome.all, root);
    io.stderr(`specguard: wrote ${plural(outcome.all.length, 'finding')} to the baseline ${flags.baseline}\n`);
    return outcome.errors.length > 0 ? EXIT.usage : EXIT.ok;
  }

  const catalog = catalogEntriesFor(outcome.exempted.length === 0 ? outcome.findings : [...outcome.findings, ...outcome.exempted]);
  await writeReport(outcome, flags, io, { catalog, nothing: 'No findings' });
  return exitCodeOf(outcome, failSeverity);
}

type DiffFlags = ReportFlags & Pick<LintFlags, 'ruleset' | 'baseline' | 'allowRemoteRefs' | 'maxFileSize' | 'jobs' | 'timeout'>;

async function diffCommand(old: string, current: string, flags: DiffFlags, io: CliIO): Promise<number> {
  if (flags.output !== undefined) await checkWritable(flags.output, '--output');
  const outcome = await runDiff({
    old,
    new: current,
    lint: {
      ...(flags.ruleset !== undefined ? { ruleset: flags.ruleset } : {}),
      allowRemoteRefs: flags.allowRemoteRefs === true,
      maxFileBytes: Math.round(flags.maxFileSize * 1024 * 1024),
    },
    pool: { jobs: flags.jobs, ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}) },
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    root: process.cwd(),
  });
  for (const message of new Set(outcome.errors.map(e => e.message))) io.stderr(`specguard: ${message}\n`);
  const fired = new Set(outcome.findings.map(f => f.code));
  const catalog = [...diffCatalog().filter(kind => fired.has(kind.code)), ...catalogEntriesFor(outcome.findings)];
  await writeReport(outcome, flags, io, { catalog, nothing: 'Nothing got weaker', baselineState: 'new' });
  return exitCodeOf(outcome, flags.failSeverity);
}

/** How a command's report is written: the format, where, the colours, and the line said when there is nothing to report. */
export type ReportFlags = Pick<LintFlags, 'format' | 'output' | 'failSeverity' | 'color' | 'quiet' | 'ruleset'> &
  Partial<Pick<LintFlags, 'showExempted' | 'shard'>>;

/**
 * Writes a run's report (lint's, diff's): summary, format, to the terminal or `--output`, and
 * the line said when nothing was found.
 */
export async function writeReport(
  outcome: Pick<RunOutcome, 'findings' | 'files' | 'filesWithFindings' | 'filesNotLinted' | 'baselined'> &
    Partial<Pick<RunOutcome, 'exempted' | 'foundInAllShards'>>,
  flags: ReportFlags,
  io: CliIO,
  options: { catalog: CatalogEntry[]; nothing: string; baselineState?: 'new' },
): Promise<void> {
  const root = process.cwd();
  const failSeverity = flags.failSeverity;
  const { findings, files, exempted = [] } = outcome;
  const summary = runSummary(outcome);
  const showExempted = flags.showExempted === true && exempted.length > 0;
  const toTerminal = flags.output === undefined && flags.format === 'stylish';
  const report = await formatFindings(findings, flags.format, {
    failSeverity,
    catalog: options.catalog,
    exempted,
    showExempted: flags.showExempted === true,
    ...(options.baselineState !== undefined ? { baselineState: options.baselineState } : {}),
    version: version(),
    ...(flags.format === 'sarif' ? { ruleset: await rulesetIdentity(flags.ruleset) } : {}),
    baseDir: root,
    cleanFiles: files.filter(file => !outcome.filesWithFindings.has(file) && !outcome.filesNotLinted.has(file)),
    summary,
    ...(toTerminal && colorWanted(process.env, io.isTTY === true) && flags.color !== false ? { paint: COLORS } : {}),
    ...(toTerminal && io.columns !== undefined ? { columns: io.columns } : {}),
  });
  const hidden = baselineNote(outcome.baselined);
  const notes = [hidden, exemptedNote(exempted.length)].filter(note => note !== undefined);
  const baselined = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
  if (report.at(-1)?.endsWith('\n') !== true) report.push('\n');
  if (flags.output !== undefined) {
    await fs.writeFile(flags.output, report);
    io.stderr(`specguard: wrote ${flags.format} report to ${flags.output}: ${countsLine(summary)}${baselined}\n`);
  } else if (findings.length > 0 || showExempted || flags.format !== 'stylish') {
    for (const chunk of report) io.stdout(chunk);
    // A report with a summary says it there; the others have no place for it (JSON and SARIF carry the exempted findings themselves).
    if (hidden !== undefined && !FORMATS_WITH_SUMMARY.has(flags.format)) io.stderr(`specguard: ${hidden}\n`);
  }
  const { shard } = flags;
  if (shard !== undefined && files.length === 0 && flags.quiet !== true) {
    // Not an error: a CI matrix sized for tomorrow's files may have a shard with none today.
    const others = outcome.foundInAllShards ?? 0;
    const where = others === 1 ? 'the 1 file found belongs to another shard' : `the ${others} files found belong to other shards`;
    io.stderr(`specguard: shard ${shard.index}/${shard.count} has no files to lint; ${where}\n`);
  } else if (findings.length === 0 && !showExempted && flags.format === 'stylish' && flags.output === undefined && flags.quiet !== true) {
    // No findings: every file was linted (one that could not be is an error entry).
    io.stdout(`${options.nothing} in ${plural(files.length, 'file')}${baselined}.\n`);
  }
}

/**
 * What `-` asks for: standard input, named by --stdin-filepath (resolved, as a file argument is)
 * or `<stdin>`. A terminal is refused rather than waited on, and --stdin-filepath without `-`
 * is a mistake, not something to ignore.
 */
function stdinRequest(inputs: string[], filepath: string | undefined, io: CliIO): RunRequest['stdin'] {
  if (!inputs.includes(STDIN_ARGUMENT)) {
    if (filepath !== undefined)
      throw new InputError('--stdin-filepath', 'names the document read from standard input: add - to the inputs');
    return undefined;
  }
  const stream = io.stdin?.();
  if (stream === undefined || stream.isTTY === true)
    throw new InputError(STDIN_ARGUMENT, 'standard input is a terminal: pipe an API description in (specguard lint - < openapi.yaml)');
  return { name: filepath === undefined ? STDIN : path.resolve(filepath), stream };
}

function countsLine(summary: Summary): string {
  return `${plural(summary.total, 'finding')} (${severityCounts(summary.bySeverity)}) in ${plural(summary.filesChecked, 'file')}`;
}

function severityOption(value: string): SeverityLevel {
  const level = parseSeverity(value);
  if (level === undefined) throw new InvalidArgumentError(`expected one of ${SEVERITY_SPELLINGS.join(', ')}`);
  return level;
}

function owaspOption(value: string): string {
  const id = parseOwaspCategory(value);
  if (id === undefined) throw new InvalidArgumentError(`expected one of ${OWASP_SPELLINGS}`);
  return id;
}

function ruleSettingOption(value: string): RuleSetting {
  const setting = parseRuleSetting(value);
  if (setting === undefined) throw new InvalidArgumentError(`expected one of ${RULE_SETTING_SPELLINGS.join(', ')}`);
  return setting;
}

function docsUrlOption(value: string): string {
  const base = parseDocsUrl(value);
  if (base === undefined) throw new InvalidArgumentError('expected an http(s) or file URL, or a relative path');
  return base;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (shard === undefined) throw new InvalidArgumentError('expected i/n, whole numbers with 1 <= i <= n, such as 2/3');
  return shard;
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
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const code = await run(argv);
  process.exitCode = code;
}

/**
 * `specguard lint big.json | head -1`: once the reader has gone, further writes fail with EPIPE.
 * That is not an error of the run: stop writing, keep the exit code the run decides.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = () => true;
  });
}
