// Continuous typing through the real transport: `rsc lsp --stdio` (the production bundle) with a
// 10,000-line document open; 300 characters typed at one every 7 ms, with a completion request after
// every tenth. Reports how often diagnostics arrived while typing and how fast completion answered.
import { spawn } from 'node:child_process';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { median } from './util';

export interface BurstResult {
  keys: number;
  /** Diagnostics published between the first key and the last. */
  publishedWhileTyping: number;
  /** Longest stretch while typing without a publish (from the first key, between publishes). */
  longestGapMs: number;
  /** From the last key to the diagnostics for the last version. */
  settleMs: number;
  completionMedianMs: number;
  completionMaxMs: number;
}

export async function burst(cliJs: string, text: string, keys = 300, gapMs = 7): Promise<BurstResult> {
  const child = spawn(process.execPath, [cliJs, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published: { at: number; version: number }[] = [];
  let waiting: ((v: number) => void) | undefined;
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push({ at: performance.now(), version: p.version ?? -1 });
    waiting?.(p.version ?? -1);
  });
  conn.listen();
  const untilVersion = (v: number) =>
    new Promise<void>((res) => {
      if (published.some((p) => p.version === v)) return res();
      waiting = (got) => got === v && res();
    });
  try {
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    await conn.sendNotification(InitializedNotification.type, {});
    const uri = 'file:///burst.rsc';
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'routeros', version: 1, text },
    });
    await untilVersion(1);
    // Type at the end of a line in the middle of the document: `:put "typed`, then plain characters.
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 2);
    let character = lines[line].length;
    const typed = ' :put ("burst" . $x) ; ' + 'abcdefghij'.repeat(30);
    const completions: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    let version = 1;
    for (let k = 0; k < keys; k++) {
      const target = start + k * gapMs;
      // Sleep until about a millisecond before the key is due, then spin to it: a client spinning the
      // whole 7 ms would take a core from the server on a two-core machine.
      const early = target - performance.now() - 1.5;
      if (early >= 1) await new Promise((res) => setTimeout(res, Math.floor(early)));
      while (performance.now() < target) await new Promise((res) => setImmediate(res));
      version++;
      await conn.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [
          { range: { start: { line, character }, end: { line, character } }, text: typed[k % typed.length] },
        ],
      });
      character++;
      if (k % 10 === 9) {
        const t0 = performance.now();
        pending.push(
          conn
            .sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } })
            .then(() => void completions.push(performance.now() - t0)),
        );
      }
    }
    const last = performance.now();
    await untilVersion(version);
    const settled = published.find((p) => p.version === version)?.at ?? performance.now();
    await Promise.all(pending);
    const during = published.filter((p) => p.at >= start && p.at <= last).map((p) => p.at);
    let longest = 0;
    let prev = start;
    for (const at of [...during, last]) {
      longest = Math.max(longest, at - prev);
      prev = at;
    }
    return {
      keys,
      publishedWhileTyping: during.length,
      longestGapMs: longest,
      settleMs: settled - last,
      completionMedianMs: median(completions),
      completionMaxMs: Math.max(...completions),
    };
  } finally {
    conn.dispose();
    child.kill();
  }
}
