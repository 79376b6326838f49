// Every lint rule, in code order. Adding a rule = one import and one entry here (see CONTRIBUTING.md).
import type { Rule } from './types';

export const rules: readonly Rule[] = [];
