// The `rsc` command line: dispatches to one subcommand per feature. It is also the language server
// (`rsc lsp --stdio`), so the extension and other editors run the very same code.
import { EXIT, processIO, quietOnClosedStdout, type CliIO, type Subcommand } from './io';
import { tuneV8 } from './v8-tuning';

/** For bin/rsc.js, which saves them with its code cache (V8 checks the flags a cache was made under). */
export { V8_FLAGS } from './v8-tuning';

interface Entry {
  summary: string;
  /**
   * The subcommand's module, loaded on first use: `rsc lint` then never evaluates the language server,
   * the SSH client or the layer-7 engine, which were most of its start-up time.
   */
  load: () => Promise<{ run: Subcommand; help: string }>;
}

const commands: Record<string, Entry> = {
  lint: {
    summary: 'lint .rsc files (text or JSON output, CI exit codes)',
    load: () => import('./lint.js').then((m) => ({ run: m.lintCommand, help: m.lintHelp })),
  },
  gen: {
    summary: 'generate recipes (skype-nack: Skype NAck QoS)',
    load: () => import('./gen.js').then((m) => ({ run: m.genCommand, help: m.genHelp })),
  },
  l7: {
    summary: 'test a layer-7 regexp against payloads or a pcap capture',
    load: () => import('./l7.js').then((m) => ({ run: m.l7Command, help: m.l7Help })),
  },
  push: {
    summary: 'push a script to a router over SSH (lint, plan, import, rollback)',
    load: () => import('./push.js').then((m) => ({ run: m.pushCommand, help: m.pushHelp })),
  },
  lsp: {
    summary: 'run the language server (--stdio) for any LSP editor',
    load: () => import('./lsp.js').then((m) => ({ run: m.lspCommand, help: m.lspHelp })),
  },
  diff: {
    summary: 'what a script would change on a router, given its /export',
    load: () => import('./diff.js').then((m) => ({ run: m.diffCommand, help: m.diffHelp })),
  },
  ansible: {
    summary: 'write an Ansible playbook that pushes a script to an inventory',
    load: () => import('./ansible.js').then((m) => ({ run: m.ansibleCommand, help: m.ansibleHelp })),
  },
  trace: {
    summary: 'follow packets through a configuration offline (rules, marks, NAT, queues)',
    load: () => import('./trace.js').then((m) => ({ run: m.traceCommand, help: m.traceHelp })),
  },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return (
    'Usage: rsc <command> [options]\n\nRouterOS script tools: lint, language server, layer-7 tests, recipes, deploy.\n\nCommands:\n' +
    Object.entries(commands)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n') +
    "\n\nRun 'rsc <command> --help' for the options of a command.\n"
  );
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    if (name === 'help' && rest[0] && Object.hasOwn(commands, rest[0]))
      io.stdout((await commands[rest[0]].load()).help);
    else io.stdout(mainHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`rsc ${VERSION}\n`);
    return EXIT.ok;
  }
  const cmd = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!cmd) {
    io.stderr(`rsc: unknown command '${name}'\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  return (await cmd.load()).run(rest, io);
}

declare const __RSC_VERSION__: string | undefined;
const VERSION = typeof __RSC_VERSION__ === 'string' ? __RSC_VERSION__ : 'dev';

/** Runs the CLI as the program: used by bin/rsc.js and when dist/cli.js is started directly. */
export function main(): void {
  tuneV8();
  quietOnClosedStdout();
  runCli(process.argv.slice(2)).then(
    (code) => {
      // The language server keeps the process alive on its own (-1); everything else exits with its code.
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`rsc: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    },
  );
}

// dist/cli.js started directly (the VS Code client runs `node dist/cli.js lsp --node-ipc`).
if (require.main === module) main();
