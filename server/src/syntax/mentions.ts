// Cheap pre-checks on the script's text: a rule (or a reader such as l7/script.ts) whose every finding
// needs a word written in the script (`layer7-protocol=`, `$`, `local`) returns at once when the word is
// absent, instead of building a model of a 100,000-line file to find nothing. Answers are remembered for
// the last text only, so several rules asking about the same word scan it once. In syntax/ because it
// reads only the text, so every layer may ask.
//
// While the user types, each keystroke brings a new text that differs from the last in one place: an
// answer about the last text is carried over by looking at the changed region only (a word absent from
// the whole 50,000-line text was found absent again by a full scan per word and keystroke).
import { commonPrefix, commonSuffix } from './text-diff';

/** Where the word occurs in the text (one occurrence, not necessarily the first), or -1. */
type Answer = number;

let lastText: string | undefined;
let answers = new Map<string, Answer>();
/** The answers about the text before `lastText`, and how the two differ. */
let previous: { answers: Map<string, Answer>; from: number; oldTo: number; newTo: number } | undefined;

/** True when `word` occurs anywhere in `text`. */
export function mentions(text: string, word: string): boolean {
  if (text !== lastText) {
    // Only the region between the common prefix and suffix changed: found once per text, and the old
    // text is not kept.
    if (lastText !== undefined && answers.size > 0) {
      const limit = Math.min(lastText.length, text.length);
      const from = commonPrefix(lastText, text, limit);
      const tail = commonSuffix(lastText, text, limit - from);
      previous = { answers, from, oldTo: lastText.length - tail, newTo: text.length - tail };
    } else previous = undefined;
    lastText = text;
    answers = new Map();
  }
  let a = answers.get(word);
  if (a === undefined) answers.set(word, (a = locate(text, word)));
  return a >= 0;
}

function locate(text: string, word: string): Answer {
  const old = previous?.answers.get(word);
  if (previous === undefined || old === undefined || word.length === 0) return text.indexOf(word);
  const { from, oldTo, newTo } = previous;
  // An occurrence wholly before or after the changed region is still there.
  if (old >= 0 && old + word.length <= from) return old;
  if (old >= 0 && old >= oldTo) return old + (newTo - oldTo);
  // Any other occurrence overlaps the changed region [from, newTo) of the new text (one outside it would
  // have been in the old text too, where the word was absent or only where the text changed).
  const lo = Math.max(0, from - word.length + 1);
  const found = text.slice(lo, Math.min(text.length, newTo + word.length - 1)).indexOf(word);
  if (found >= 0) return lo + found;
  // The old occurrence was in the changed region and is gone: others may remain anywhere.
  return old >= 0 ? text.indexOf(word) : -1;
}
