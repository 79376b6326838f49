// `rsc lint`: lint .rsc files and print the findings as text or JSON, for terminals and CI.
import {
  LIVE_LINT_MAX_CHARS,
  lintText,
  lintWindowed,
  WINDOWED_LINT_MIN_CHARS,
  type Diagnostic,
} from '../lint';
import { KNOWN_PACKAGES, LATEST, parsePackages, VERSIONS } from '../schema';
import { LineIndex } from '../text/line-index';
import { parseCommandLine, UsageError, type CommandLine, type OptionSpecs } from './args';
import { EXIT, type Subcommand } from './io';
import { fullCollection } from './v8-tuning';

/**
 * From this size on, a full garbage collection runs between the lint's models (LintRun): it costs a few
 * tens of milliseconds there and saves memory that matters; on small files it would only cost.
 */
const COLLECT_FROM_CHARS = 2_000_000;

/** In a lint window by window (lintWindowed), a full collection after about this many characters. */
const COLLECT_EVERY_CHARS = 8_000_000;

export const lintHelp = `Usage: rsc lint [--format text|json] [--target latest|7.x|6] [--packages all|base|NAME,...]
                [--disable CODE,...] FILE...

Lints RouterOS scripts and prints every finding.

Options:
  --format text|json   text (default): one line per finding, "file:line:col: severity CODE message".
                       json: an array of {file, line, column, endLine, endColumn, code, severity, message}
                       (1-based lines and columns; severity is error|warning|information|hint).
  --target VERSION     RouterOS version the script is written for: latest (default), ${VERSIONS[0]} ... ${LATEST}, or 6.
  --packages SET       packages the target router has: all (default: names of every package are fine),
                       base (the routeros package alone: a name that only an extra package brings,
                       such as /container or /user-manager, is an error, as RouterOS rejects it),
                       or base plus comma-separated extra packages, e.g. container,iot. Known:
                       ${KNOWN_PACKAGES.join(', ')}.
  --disable CODES      comma-separated diagnostic codes never to report (e.g. RSC4003,RSC2006).
  --latin1-fold        assume a layer-7 matcher that lower-cases pattern bytes 0xC0-0xDE with Latin-1 rules
                       (RSC3013; the reference l7-filter code does not).
  -h, --help           show this help.

FILE may be - for standard input.

Exit codes:
  0  no error-severity finding (warnings and information may still be printed)
  1  at least one error-severity finding
  2  usage error or unreadable file
`;

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: Diagnostic['severity'];
  message: string;
}

const TARGET = /^(latest|6|7\.\d{1,2})$/;

const LINT_OPTIONS: OptionSpecs = {
  format: { type: 'string' },
  target: { type: 'string' },
  packages: { type: 'string' },
  disable: { type: 'string' },
  'latin1-fold': { type: 'boolean' },
};

export const lintCommand: Subcommand = async (args, io) => {
  let format: 'text' | 'json' = 'text';
  let target = 'latest';
  let packages = 'all';
  const disabled: string[] = [];
  let latin1Fold = false;
  let line: CommandLine;
  try {
    line = parseCommandLine(args, LINT_OPTIONS);
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message);
    throw e;
  }
  if (line.help) {
    io.stdout(lintHelp);
    return EXIT.ok;
  }
  for (const { name, value: v } of line.options) {
    if (name === '--format') {
      if (v !== 'text' && v !== 'json') return usage(io, `--format must be text or json, not ${show(v)}`);
      format = v;
    } else if (name === '--target') {
      if (!TARGET.test(v)) return usage(io, `--target must be latest, 6 or 7.x (e.g. 7.12), not ${show(v)}`);
      target = v;
    } else if (name === '--packages') {
      if (!v.trim()) return usage(io, '--packages needs all, base or a comma-separated list of packages');
      const { unknown } = parsePackages(v);
      if (unknown.length > 0)
        return usage(
          io,
          `--packages: ${unknown.map(show).join(', ')} ${unknown.length > 1 ? 'are not RouterOS packages' : 'is not a RouterOS package'}; ` +
            `use all, base or some of: ${KNOWN_PACKAGES.join(', ')}`,
        );
      packages = v;
    } else if (name === '--disable') {
      if (!v) return usage(io, '--disable needs a comma-separated list of codes');
      for (const code of v.split(',')) {
        if (!/^RSC\d{4}$/.test(code.trim()))
          return usage(io, `--disable: ${show(code)} is not a code like RSC4003`);
        disabled.push(code.trim());
      }
    } else if (name === '--latin1-fold') {
      latin1Fold = true;
    }
  }
  const files = line.positionals;
  if (files.length === 0) return usage(io, 'no FILE given');

  const findings: JsonFinding[] = [];
  let errors = 0;
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file === '-' ? '/dev/stdin' : file).toString('utf8');
    } catch (e) {
      io.stderr(
        `rsc lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return EXIT.usage;
    }
    if (text.length > LIVE_LINT_MAX_CHARS)
      io.stderr(
        `rsc lint: note: ${file} has ${(text.length / 1e6).toFixed(1)} million characters, more than the ` +
          `${LIVE_LINT_MAX_CHARS / 1e6} million an editor can lint while you type.\n` +
          `  Split it into smaller files if you edit it in an editor with the language server.\n`,
      );
    const options = { target, packages, disabledRules: disabled, latin1Fold };
    // A big file is linted window by window, so its whole tree is never in memory (same findings).
    const diagnostics =
      text.length >= WINDOWED_LINT_MIN_CHARS
        ? lintWindowed(text, options, undefined, {
            collect: fullCollection(),
            collectEvery: COLLECT_EVERY_CHARS,
          })
        : lintText(text, options, {
            betweenModels: text.length >= COLLECT_FROM_CHARS ? fullCollection() : undefined,
          }).diagnostics;
    const lines = new LineIndex(text);
    for (const d of diagnostics) {
      const s = lines.positionAt(d.start);
      const e = lines.positionAt(d.end);
      if (d.severity === 'error') errors++;
      findings.push({
        file,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        code: d.code,
        severity: d.severity,
        message: d.message,
      });
    }
  }
  if (format === 'json') io.stdout(JSON.stringify(findings, null, 2) + '\n');
  else {
    // One finding per line, so editors' problem matchers and grep work: a message's own line breaks (a
    // rule's second line of detail) are folded into " -- ".
    for (const f of findings) {
      const message = f.message.replace(/\s*\r?\n\s*/g, ' -- ');
      io.stdout(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${message}\n`);
    }
    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    io.stderr(
      `${files.length} file(s): ${count('error')} error(s), ${count('warning')} warning(s), ` +
        `${count('information') + count('hint')} note(s)\n`,
    );
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
};

function show(v: string): string {
  return JSON.stringify(v);
}

function usage(io: { stderr(t: string): void }, msg: string): number {
  io.stderr(`rsc lint: ${msg}\nRun 'rsc lint --help' for usage.\n`);
  return EXIT.usage;
}
