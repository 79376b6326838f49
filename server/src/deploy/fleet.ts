// What a push to many routers shares between the CLI (`rsc push --inventory`) and VS Code ("Push to
// Routers…"): a bounded pool, the exit code and one-line result of each router, and the result table.
import { errorClass } from './errors';
import type { PushResult } from './push';

export interface Row {
  router: string;
  result: string;
  state: string;
  code: number;
}

export const FLEET_EXIT = { ok: 0, errors: 1, usage: 2, connection: 3, notConfirmed: 4 } as const;

export function codeOf(r: PushResult): number {
  switch (r.status) {
    case 'success':
      return FLEET_EXIT.ok;
    case 'router-errors':
      return FLEET_EXIT.errors;
    case 'declined':
    case 'rolled-back':
    case 'pending-confirmation':
      return FLEET_EXIT.notConfirmed;
    default:
      switch (errorClass(r.error)) {
        case 'usage':
          return FLEET_EXIT.usage;
        case 'connection':
        case 'transfer':
          return FLEET_EXIT.connection;
        default:
          return FLEET_EXIT.errors;
      }
  }
}

export function resultText(r: PushResult): string {
  if (r.status === 'failed') {
    const msg = r.error?.message ?? 'unknown error';
    const why = `${r.error?.kind ?? 'error'}: ${msg.length > 60 ? msg.slice(0, 59) + '…' : msg}`;
    return `failed (${why})`;
  }
  return r.status;
}

/** Runs `work` over `items` with at most `n` at a time, keeping the order of the results. */
export async function pool<T, R>(items: T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}

export function formatTable(rows: Row[]): string {
  const head = ['router', 'result', 'state left'];
  const cells = rows.map((r) => [r.router, r.result, r.state]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => Math.min(c[i].length, 70))));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === c.length - 1 ? x : x.padEnd(w[i])))
      .join('  ')
      .trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...cells.map(line)].join('\n') + '\n';
}
