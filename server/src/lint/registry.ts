// Every lint rule, in code order. Adding a rule = one import and one entry here (see CONTRIBUTING.md).
import type { Rule } from './types';
import { rule as unknownCommand } from './rules/unknown-command';
import { rule as unknownParameter } from './rules/unknown-parameter';
import { rule as invalidEnumValue } from './rules/invalid-enum-value';
import { rule as malformedValue } from './rules/malformed-value';
import { rule as undeclaredVariable } from './rules/undeclared-variable';
import { rule as unusedLocal } from './rules/unused-local';
import { rule as abbreviatedName } from './rules/abbreviated-name';
import { rule as missingRequiredArgument } from './rules/missing-required-argument';
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
import { rule as l7EmptyBranch } from './rules/l7-empty-branch';
import { rule as markConnectionPassthroughNo } from './rules/mark-connection-passthrough-no';
import { rule as markPacketPassthrough } from './rules/mark-packet-passthrough';
import { rule as implicitPassthrough } from './rules/implicit-passthrough';
import { rule as markNeverSet } from './rules/mark-never-set';
import { rule as packetMarkWithoutQueue } from './rules/packet-mark-without-queue';
import { rule as realtimeMarkWithoutRateLimit } from './rules/realtime-mark-without-rate-limit';
import { rule as badFlowRange } from './rules/bad-flow-range';
import { rule as addressListNeverFilled } from './rules/address-list-never-filled';
import { rule as addressListWithoutTimeout } from './rules/address-list-without-timeout';
import { rule as fasttrackBypassesQos } from './rules/fasttrack-bypasses-qos';
import { rule as unreachableRule } from './rules/unreachable-rule';
import { rule as priorityWithoutLimit } from './rules/priority-without-limit';
import { rule as limitAtAboveMaxLimit } from './rules/limit-at-above-max-limit';
import { rule as childrenLimitAtExceedParent } from './rules/children-limit-at-exceed-parent';
import { rule as simpleQueueShadowed } from './rules/simple-queue-shadowed';
import { rule as rateWithoutProtocol } from './rules/rate-without-protocol';
import { rule as notInTargetVersion } from './rules/not-in-target-version';
import { rule as notInTargetPackages } from './rules/not-in-target-packages';

export const rules: readonly Rule[] = [
  unknownCommand,
  unknownParameter,
  invalidEnumValue,
  malformedValue,
  undeclaredVariable,
  unusedLocal,
  abbreviatedName,
  missingRequiredArgument,
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
  l7EmptyBranch,
  markConnectionPassthroughNo,
  markPacketPassthrough,
  implicitPassthrough,
  markNeverSet,
  packetMarkWithoutQueue,
  realtimeMarkWithoutRateLimit,
  badFlowRange,
  addressListNeverFilled,
  addressListWithoutTimeout,
  fasttrackBypassesQos,
  unreachableRule,
  priorityWithoutLimit,
  limitAtAboveMaxLimit,
  childrenLimitAtExceedParent,
  simpleQueueShadowed,
  rateWithoutProtocol,
  notInTargetVersion,
  notInTargetPackages,
];

/**
 * Rules whose findings on a top-level statement depend on that statement alone (its text, the menu it
 * runs in, the schema and the options), never on other statements. After an edit the linter reuses their
 * findings for every statement the incremental parser kept (see LintMemo in index.ts). registry.test.ts
 * checks the claim: each rule run on single statements finds exactly what it finds on the whole script.
 * Not listed: the flow rules (RSC4nnn, RSC3008, RSC3009, RSC3011) and the variable rules (RSC2005,
 * RSC2006) read the whole script, and RSC2001 stays quiet on commands after an unknown menu line.
 */
export const STATEMENT_LOCAL_RULES: ReadonlySet<string> = new Set([
  'RSC2002',
  'RSC2003',
  'RSC2004',
  'RSC2007',
  'RSC2008',
  'RSC3001',
  'RSC3002',
  'RSC3003',
  'RSC3004',
  'RSC3006',
  'RSC3007',
  'RSC3010',
  'RSC3012',
  'RSC3013',
  'RSC3014',
  'RSC3015',
  'RSC5001',
  'RSC5002',
]);
