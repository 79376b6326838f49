// Cheap pre-checks on the script's text: a rule (or a reader such as l7/script.ts) whose every finding
// needs a word written in the script (`layer7-protocol=`, `$`, `local`) returns at once when the word is
// absent, instead of building a model of a 100,000-line file to find nothing. Answers are remembered for
// the last text only, so several rules asking about the same word scan it once. In syntax/ because it
// reads only the text, so every layer may ask.

let lastText: string | undefined;
const answers = new Map<string, boolean>();

/** True when `word` occurs anywhere in `text`. */
export function mentions(text: string, word: string): boolean {
  if (text !== lastText) {
    lastText = text;
    answers.clear();
  }
  let a = answers.get(word);
  if (a === undefined) answers.set(word, (a = text.includes(word)));
  return a;
}
