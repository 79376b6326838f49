// Every lint rule, in code order. Adding a rule = one import and one entry here (see CONTRIBUTING.md).
import type { Rule } from './types';
import { rule as l7SingleBackslashEscape } from './rules/l7-single-backslash-escape';
import { rule as l7MetacharByteEscape } from './rules/l7-metachar-byte-escape';
import { rule as l7PipeInBrackets } from './rules/l7-pipe-in-brackets';
import { rule as l7DottedIpClass } from './rules/l7-dotted-ip-class';
import { rule as l7UnanchoredShort } from './rules/l7-unanchored-short';
import { rule as l7CompileError } from './rules/l7-compile-error';
import { rule as l7HexLetterEscape } from './rules/l7-hex-letter-escape';
import { rule as l7MissingPrefilter } from './rules/l7-missing-prefilter';
import { rule as l7UndefinedProtocol } from './rules/l7-undefined-protocol';
import { rule as l7WinboxFormInCli } from './rules/l7-winbox-form-in-cli';
import { rule as l7OneDirectionChain } from './rules/l7-one-direction-chain';
import { rule as l7NulByte } from './rules/l7-nul-byte';
import { rule as l7Latin1Fold } from './rules/l7-latin1-fold';
import { rule as l7UnsupportedSyntax } from './rules/l7-unsupported-syntax';

export const rules: readonly Rule[] = [
  l7SingleBackslashEscape,
  l7MetacharByteEscape,
  l7PipeInBrackets,
  l7DottedIpClass,
  l7UnanchoredShort,
  l7CompileError,
  l7HexLetterEscape,
  l7MissingPrefilter,
  l7UndefinedProtocol,
  l7WinboxFormInCli,
  l7OneDirectionChain,
  l7NulByte,
  l7Latin1Fold,
  l7UnsupportedSyntax,
];
