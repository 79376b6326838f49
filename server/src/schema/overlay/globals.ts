// Overlay for the global commands (`:put`, `:local`, `:if`, ...: the `cmd` entries at the root of the
// tree) and the root menus scripts use like commands (`:log`, `:environment`, `:terminal`). Our own
// words after the RouterOS manual page "Scripting".

import type { CommandOverlay, Overlay } from './types';
import { anyString, num, script, time } from './values';

const value = { doc: 'The value to convert or inspect (positional).' };

const conversions: Record<string, CommandOverlay> = {
  toarray: { doc: 'Converts a value to an array (a string is split at commas).', args: { value } },
  tobool: { doc: 'Converts a value to a boolean; nothing when it cannot.', args: { value } },
  toid: { doc: 'Converts a value to an internal id (`*1A`).', args: { value } },
  toip: { doc: 'Converts a value to an IPv4 address; nothing when it is not one.', args: { value } },
  toip6: { doc: 'Converts a value to an IPv6 address; nothing when it is not one.', args: { value } },
  tonum: { doc: 'Converts a value to a number; nothing when it is not one.', args: { value } },
  tostr: { doc: 'Converts a value to a string.', args: { value } },
  totime: { doc: 'Converts a value to a time interval.', args: { value } },
  tonsec: { doc: 'Converts a time interval to nanoseconds.', args: { value } },
  typeof: {
    doc: 'Returns the type name of a value: num, str, bool, ip, ip-prefix, ip6, ip6-prefix, id, time, array, code, nil or nothing.',
    args: { value },
  },
  len: { doc: 'Returns the length of a string or the number of elements of an array.', args: { value } },
};

export const GLOBALS: Overlay = {
  '/': {
    doc: 'The root menu; its commands are the global commands, usable anywhere with a leading `:`.',
    commands: {
      ...conversions,
      put: {
        doc: 'Prints a value to the terminal (in scheduled scripts the output is lost; use `:log`).',
        args: { message: { doc: 'What to print.' } },
      },
      local: {
        doc: 'Declares a variable that lives until the end of the enclosing `{ }` block.',
        args: {
          name: { doc: 'The variable name (positional).' },
          value: { doc: 'The initial value (positional, optional).' },
          do: { doc: 'A function body: the variable holds code that can be called.', type: script },
        },
      },
      global: {
        doc: 'Declares a global variable (kept on the router until reboot) or makes an existing one visible in this script.',
        args: {
          name: { doc: 'The variable name (positional).' },
          value: { doc: 'The value (positional, optional).' },
          do: { doc: 'A function body.', type: script },
        },
      },
      set: {
        doc: 'Assigns a new value to a declared variable (or to an array element: `:set ($a->"k") 1`).',
        args: {
          name: { doc: 'The variable (positional).' },
          value: { doc: 'The new value (positional); without it the variable becomes nothing.' },
          do: { doc: 'A function body.', type: script },
        },
      },
      if: {
        doc: 'Runs `do` when the condition is true, else `else`.',
        args: {
          condition: { doc: 'The condition in parentheses (positional).' },
          do: { doc: 'Commands run when the condition is true.', type: script },
          else: { doc: 'Commands run when it is false.', type: script },
        },
      },
      while: {
        doc: 'Repeats `do` while the condition is true.',
        args: {
          condition: { doc: 'The condition (checked before each pass).' },
          do: { doc: 'The loop body.', type: script },
        },
      },
      for: {
        doc: 'Counts a variable from `from` to `to` (by `step`) and runs `do` each time.',
        args: {
          counter: { doc: 'The loop variable name (positional).' },
          from: { doc: 'First value.' },
          to: { doc: 'Last value (included).' },
          step: { doc: 'Increment, 1 by default; negative counts down.' },
          do: { doc: 'The loop body.', type: script },
          'on-error': { doc: 'Commands run if the body fails.', type: script },
        },
      },
      foreach: {
        doc: 'Runs `do` for every element of an array; `:foreach k,v in=$a` also gives the key.',
        args: {
          counter: { doc: 'The element variable, or `key,value` (positional).' },
          in: { doc: 'The array (or list of ids from `find`) to walk.' },
          do: { doc: 'The loop body.', type: script },
          'on-error': { doc: 'Commands run if the body fails.', type: script },
        },
      },
      do: {
        doc: 'Runs a block; with `while=` it repeats (checking after each pass), with `on-error=` it catches errors.',
        args: {
          command: { doc: 'The block to run (positional).', type: script },
          while: { doc: 'Repeat while this condition is true (checked after each pass).' },
          if: { doc: 'Run the block only when this condition is true.' },
          'on-error': {
            doc: 'Commands run when the block fails (the error is then swallowed).',
            type: script,
          },
        },
      },
      onerror: {
        doc: 'Runs `in`; if it fails, stores the error message in the named variable and runs `do` (RouterOS 7.13+).',
        args: {
          error: { doc: 'Variable that receives the error message (positional).' },
          in: { doc: 'The commands to try.', type: script },
          do: { doc: 'Commands run after a failure.', type: script },
        },
      },
      retry: {
        doc: 'Runs `command` and retries it after `delay` up to `max` times while it fails, then runs `on-error`.',
        args: {
          command: { doc: 'The block to try (positional).', type: script },
          delay: { doc: 'Pause between tries.', type: time },
          max: { doc: 'Highest number of tries.', type: num(1) },
          'on-error': { doc: 'Commands run when every try failed.', type: script },
        },
      },
      error: {
        doc: 'Stops the script with an error message (catchable with `on-error` or `:onerror`).',
        args: { message: { doc: 'The error text.' } },
      },
      return: {
        doc: 'Leaves a function and gives back a value.',
        args: { value: { doc: 'The value returned.' } },
      },
      delay: {
        doc: 'Pauses the script for a time interval (1s by default).',
        args: { 'delay-time': { doc: 'How long to wait (positional).' } },
      },
      execute: {
        doc: 'Starts a script in the background and returns its job id; with `as-string` it waits and returns the output.',
        args: {
          script: { doc: 'The script text to run.' },
          file: { doc: 'Write the output to this file.' },
          'as-string': { doc: 'Wait for the script and return its output as a string.' },
        },
      },
      parse: {
        doc: 'Compiles a string into code that can be called later: `:local f [:parse "..."]; $f`.',
        args: { value: { doc: 'The script text.' } },
      },
      resolve: {
        doc: 'Looks up a DNS name and returns its address.',
        args: {
          'domain-name': { doc: 'The name to resolve (positional).' },
          server: { doc: 'DNS server to ask instead of the configured ones.' },
          'server-port': { doc: 'Port of that server.' },
          type: { doc: 'Record type to ask for (ipv4, ipv6, ...).' },
        },
      },
      pick: {
        doc: 'Returns part of a string or array: elements from `begin` up to but not including `end`.',
        args: {
          counter: { doc: 'The string or array (positional).' },
          begin: { doc: 'First position (0-based).' },
          end: { doc: 'Position after the last one.' },
        },
      },
      find: {
        doc: 'Returns the position of a substring or element, searching from an optional start; nothing when absent.',
        args: {
          in: { doc: 'The string or array to search (positional).' },
          key: { doc: 'What to look for (positional).' },
          from: { doc: 'Start searching after this position.' },
        },
      },
      time: {
        doc: 'Runs commands and returns how long they took.',
        args: { command: { doc: 'The block to time.', type: script } },
      },
      jobname: { doc: 'Returns the name of the running script (RouterOS 7.12+).' },
      serialize: {
        doc: 'Converts a value to text in a format such as JSON or DSV (RouterOS 7.13+).',
        args: {
          to: { doc: 'The format, e.g. `json`.' },
          value: { doc: 'The value.' },
          options: { doc: 'Format options such as `json.pretty`.' },
        },
      },
      deserialize: {
        doc: 'Parses text in a format such as JSON or DSV into a value (RouterOS 7.13+).',
        args: {
          from: { doc: 'The format, e.g. `json`.' },
          value: { doc: 'The text.' },
          options: { doc: 'Format options.' },
        },
      },
      convert: {
        doc: 'Converts between representations: number, hex, base64, byte arrays, ... (RouterOS 7.11+).',
        args: {
          from: { doc: 'Source representation.' },
          to: { doc: 'Target representation.' },
          value: { doc: 'The value (positional).' },
        },
      },
      rndnum: {
        doc: 'Returns a random number between `from` and `to`.',
        args: { from: { doc: 'Lowest value.' }, to: { doc: 'Highest value.' } },
      },
      rndstr: {
        doc: 'Returns a random string of `length` characters taken from `from`.',
        args: {
          length: { doc: 'Length of the result (16 by default).' },
          from: { doc: 'Characters to choose from.', type: anyString },
        },
      },
      beep: {
        doc: 'Sounds the built-in speaker (on boards that have one).',
        args: { frequency: { doc: 'Tone frequency in Hz.' }, length: { doc: 'Tone length.' } },
      },
      import: {
        doc: 'Runs the commands of an `.rsc` file on the router.',
        args: {
          'file-name': { doc: 'The file to import (positional).' },
          verbose: { doc: 'Show each command as it runs and continue after errors.' },
        },
      },
      nothing: { doc: 'Returns the value nothing.' },
    },
  },
  '/log': {
    doc: 'The system log; in scripts `:log info|warning|error|debug "text"` writes a message.',
    commands: {
      info: { doc: 'Writes an info message to the log.', args: { message: { doc: 'The text.' } } },
      warning: { doc: 'Writes a warning to the log.', args: { message: { doc: 'The text.' } } },
      error: { doc: 'Writes an error message to the log.', args: { message: { doc: 'The text.' } } },
      debug: { doc: 'Writes a debug message to the log.', args: { message: { doc: 'The text.' } } },
    },
  },
  '/environment': { doc: 'Global script variables: `:environment print` lists them.' },
  '/terminal': {
    doc: 'Interactive terminal helpers for scripts: `:terminal inkey`, `:terminal ask`, cursor control.',
  },
};
