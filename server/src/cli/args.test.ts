// The command-line reader every subcommand uses: what it accepts (long and short forms, `=value`, `--`,
// values that start with a dash, options in order) and the one-line error naming the option for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError, type OptionSpecs } from './args';
import type { CliIO } from './io';
import { runCli } from './main';

const specs: OptionSpecs = {
  regexp: { type: 'string' },
  hex: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  password: { type: 'string', refused: 'there is no --password option: set RSC_PASSWORD' },
};

const read = (...args: string[]) => parseCommandLine(args, specs);

const fails = (args: string[], message: string): void => {
  assert.throws(
    () => parseCommandLine(args, specs),
    (e: unknown) => e instanceof UsageError && e.message === message,
    args.join(' '),
  );
};

test('options come back in the order given, in their long form, with positionals apart', () => {
  const line = read('a.rsc', '--hex', '01', '-y', '--regexp=x=y', '--hex', '<02', '--json', '-', 'b.rsc');
  assert.equal(line.help, false);
  assert.deepEqual(line.options, [
    { name: '--hex', value: '01' },
    { name: '--yes', value: '' },
    { name: '--regexp', value: 'x=y' },
    { name: '--hex', value: '<02' },
    { name: '--json', value: '' },
  ]);
  assert.deepEqual(line.positionals, ['a.rsc', '-', 'b.rsc']);
});

test('a value may start with a dash; after -- everything is a positional', () => {
  assert.deepEqual(read('--regexp', '-1', '--hex', '--json').options, [
    { name: '--regexp', value: '-1' },
    { name: '--hex', value: '--json' },
  ]);
  const line = read('--json', '--', '--yes', '-x');
  assert.deepEqual(line.options, [{ name: '--json', value: '' }]);
  assert.deepEqual(line.positionals, ['--yes', '-x']);
});

test('--help or -h anywhere asks for the help, whatever else is there', () => {
  assert.equal(read('--help').help, true);
  assert.equal(read('a.rsc', '--bogus', '-h').help, true);
  assert.equal(read('-yh').help, true);
  // ...but not as another option's value.
  assert.equal(read('--regexp', '--help').help, false);
});

test('mistakes are one UsageError naming the option, the first in command-line order', () => {
  fails(['--bogus'], 'unknown option --bogus');
  fails(['--bogus=1', '--json'], 'unknown option --bogus=1');
  fails(['-yx'], 'unknown option -x (in -yx)');
  fails(['-x'], 'unknown option -x');
  fails(['--json', '--regexp'], '--regexp needs a value');
  fails(['--json=yes'], '--json takes no value (got --json=yes)');
  fails(['--password', 'secret'], 'there is no --password option: set RSC_PASSWORD');
  fails(['--password'], 'there is no --password option: set RSC_PASSWORD');
  fails(['--regexp'], '--regexp needs a value');
  fails(['--other', '--regexp'], 'unknown option --other');
});

test('an option name that is a property of every object is still unknown', () => {
  fails(['--constructor'], 'unknown option --constructor');
  fails(['--toString=1'], 'unknown option --toString=1');
});

test('every subcommand reads its options through it: one line naming the bad option, exit 2', async () => {
  // [argv before the options, what its errors start with, whether it has a --json switch]
  const commands: [string[], string, boolean][] = [
    [['lint'], 'rsc lint', false],
    [['l7', 'test'], 'rsc l7', true],
    [['gen', 'skype-nack'], 'rsc gen skype-nack', true],
    [['push'], 'rsc push', false],
    [['diff'], 'rsc diff', true],
    [['ansible'], 'rsc ansible', false],
    [['trace'], 'rsc trace', true],
  ];
  for (const [command, prefix, hasJson] of commands) {
    const cases: [string, string][] = [
      ['--bogus=1', 'unknown option --bogus=1'],
      ['--json=yes', hasJson ? '--json takes no value (got --json=yes)' : 'unknown option --json=yes'],
    ];
    for (const [extra, message] of cases) {
      let err = '';
      const io: CliIO = {
        stdout: () => undefined,
        stderr: (t) => void (err += t),
        readFile: () => Buffer.alloc(0),
        env: {},
        isTTY: false,
      };
      const argv = [...command, 'a.rsc', extra];
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.equal(err.split('\n')[0], `${prefix}: ${message}`, argv.join(' '));
    }
  }
});
