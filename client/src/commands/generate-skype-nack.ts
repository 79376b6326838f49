// The VS Code command "RouterOS: Generate Skype NAck QoS…": a short multi-step input (public addresses,
// queues, the line's upload and download rates, pattern form, where to put the result) that calls the same generator as
// `rsc gen skype-nack`. Defaults come from the routeros.skypeNack.* settings; the addresses from last use.
import * as vscode from 'vscode';
import {
  generateSkypeNack,
  NackSelfCheckError,
  SKYPE_NACK_DEFAULTS,
  SkypeNackOptionsError,
  skypeNackCommandLine,
  parseLineRate,
  splitAddressList,
  TRADE_OFF,
  validatePublicAddressInput,
  type SkypeNackChain,
  type SkypeNackForm,
  type SkypeNackOptions,
  type SkypeNackPatternChoice,
  type SkypeNackQueue,
} from '../../../server/src/codegen';

/** globalState key of the addresses entered last time. */
const LAST_IPS_KEY = 'routeros.skypeNack.lastPublicIps';
const TITLE = 'Generate Skype NAck QoS';
const STEPS = 5;
/** globalState key of the line rates entered last time. */
const LAST_RATES_KEY = 'routeros.skypeNack.lastRates';

/** The routeros.skypeNack.* settings, with the generator's defaults where a setting is unset or invalid. */
function settings(): Omit<SkypeNackOptions, 'publicIps' | 'queue' | 'strict'> & {
  strict: boolean;
  wanInterface: string;
  lanInterface: string;
} {
  const c = vscode.workspace.getConfiguration('routeros.skypeNack');
  const text = (key: string, dflt: string): string => {
    const v = c.get<string>(key);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : dflt;
  };
  const optional = (key: string): string | undefined => {
    const v = c.get<string>(key);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const dscp = c.get<number | null>('dscp');
  const chain = c.get<string>('chain');
  const form = c.get<string>('form');
  return {
    chain: (chain === 'prerouting' ? 'prerouting' : 'forward') as SkypeNackChain,
    addressList: text('addressList', SKYPE_NACK_DEFAULTS.addressList),
    timeout: text('timeout', SKYPE_NACK_DEFAULTS.timeout),
    rate: text('rate', SKYPE_NACK_DEFAULTS.rate),
    layer7Name: text('layer7Name', SKYPE_NACK_DEFAULTS.layer7Name),
    connectionMark: text('connectionMark', SKYPE_NACK_DEFAULTS.connectionMark),
    packetMark: text('packetMark', SKYPE_NACK_DEFAULTS.packetMark),
    wanList: optional('wanInterfaceList'),
    dscp: typeof dscp === 'number' ? dscp : undefined,
    form: (form === 'winbox' ? 'winbox' : 'rsc') as SkypeNackForm,
    strict: c.get<boolean>('strict') === true,
    wanInterface: text('wanInterface', SKYPE_NACK_DEFAULTS.wanInterface),
    lanInterface: text('lanInterface', SKYPE_NACK_DEFAULTS.lanInterface),
  };
}

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

/** A QuickPick that resolves to the chosen item's value, or undefined when the user cancels. */
async function pick<T>(step: number, placeholder: string, items: Pick<T>[]): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, {
    title: `${TITLE} (${step}/${STEPS})`,
    placeHolder: placeholder,
    ignoreFocusOut: true,
    matchOnDetail: true,
  });
  return chosen?.value;
}

async function askPublicIps(context: vscode.ExtensionContext): Promise<string[] | undefined> {
  const last = context.globalState.get<string>(LAST_IPS_KEY) ?? '';
  const text = await vscode.window.showInputBox({
    title: `${TITLE} (1/${STEPS})`,
    prompt:
      'Your public IPv4 addresses or ranges, as peers on the internet see them (after NAT). ' +
      'Separate several with commas.',
    placeHolder: '92.0.0.0/8, 213.45.0.0/16',
    value: last,
    ignoreFocusOut: true,
    // The generator's own validation, so the box refuses exactly what the generator would.
    validateInput: (v) => validatePublicAddressInput(v) ?? null,
  });
  return text === undefined ? undefined : splitAddressList(text);
}

/** The line rates (both are needed for the queues' max-limit). */
async function askRates(
  context: vscode.ExtensionContext,
): Promise<{ upload: string; download: string } | undefined> {
  const last = context.globalState.get<{ upload?: string; download?: string }>(LAST_RATES_KEY) ?? {};
  const ask = (what: 'upload' | 'download', value: string): Thenable<string | undefined> =>
    vscode.window.showInputBox({
      title: `${TITLE} (3/${STEPS})`,
      prompt:
        `The line's ${what} rate in bits per second (e.g. ${what === 'upload' ? '20M' : '100M'}). The queues ` +
        'limit traffic to 90% of it, so the queue forms in the router, where Skype goes first.',
      placeHolder: what === 'upload' ? '20M' : '100M',
      value,
      ignoreFocusOut: true,
      // The generator's own check, so the box refuses exactly what the generator would.
      validateInput: (v) => {
        const r = parseLineRate(v);
        return typeof r === 'string' ? `${what} rate ${r}` : null;
      },
    });
  const upload = await ask('upload', last.upload ?? '');
  if (upload === undefined) return undefined;
  const download = await ask('download', last.download ?? '');
  if (download === undefined) return undefined;
  return { upload: upload.trim(), download: download.trim() };
}

async function askQueue(s: ReturnType<typeof settings>): Promise<SkypeNackQueue | undefined> {
  const kind = await pick<'tree' | 'simple' | 'none'>(2, 'Queues for the marked packets', [
    {
      label: 'Queue tree (both directions)',
      description: `upload on ${s.wanInterface}, download on ${s.lanInterface}`,
      detail:
        'Per direction a parent with max-limit 90% of the line rate, Skype at priority 1 with limit-at, the rest at 8. FastTrack stays on for other traffic.',
      value: 'tree',
    },
    {
      label: 'Simple queues',
      description: 'for a target (address, prefix or interface)',
      detail:
        'Parent, Skype (1/1) and the rest (8/8) as simple queues; the default fasttrack rule is disabled.',
      value: 'simple',
    },
    {
      label: 'No queue',
      description: 'I have my own queues',
      detail: 'Only the detection and the marks; a queue of yours uses the packet mark.',
      value: 'none',
    },
  ]);
  if (kind === undefined) return undefined;
  if (kind === 'none') return { kind: 'none' };
  if (kind === 'tree') return { kind: 'tree', wanInterface: s.wanInterface, lanInterface: s.lanInterface };
  const value = await vscode.window.showInputBox({
    title: `${TITLE} (2/${STEPS})`,
    prompt: 'Target of the simple queues (your LAN prefix or interface)',
    placeHolder: '192.168.88.0/24',
    value: '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'give a target' : null),
  });
  if (value === undefined) return undefined;
  return { kind: 'simple', target: value.trim() };
}

/** Opens the text in a new untitled editor, or inserts it at the cursor of the active one. */
async function place(text: string, form: SkypeNackForm, where: 'new' | 'cursor'): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (where === 'cursor' && editor !== undefined) {
    await editor.edit((b) => {
      if (editor.selection.isEmpty) b.insert(editor.selection.active, text);
      else b.replace(editor.selection, text);
    });
    return;
  }
  const doc = await vscode.workspace.openTextDocument({
    language: form === 'rsc' ? 'routeros' : 'plaintext',
    content: text,
  });
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** The command itself; extension.ts loads this module on first use (see registerGenerateSkypeNack there). */
export async function run(context: vscode.ExtensionContext): Promise<void> {
  const s = settings();
  const publicIps = await askPublicIps(context);
  if (publicIps === undefined) return;
  const queue = await askQueue(s);
  if (queue === undefined) return;
  const rates: { upload?: string; download?: string } | undefined =
    queue.kind === 'none' ? {} : await askRates(context);
  if (rates === undefined) return;
  const preferred: SkypeNackPatternChoice = s.strict ? 'strict' : 'auto';
  const items: Pick<SkypeNackPatternChoice>[] = [
    { label: 'Measure (auto)', detail: TRADE_OFF.auto, value: 'auto' },
    { label: 'Tolerant', detail: TRADE_OFF.tolerant, value: 'tolerant' },
    { label: 'Strict', detail: TRADE_OFF.strict, value: 'strict' },
  ];
  const patternChoice = await pick<SkypeNackPatternChoice>(
    4,
    'Pattern: how to handle the zero bytes the layer-7 matcher deletes',
    items
      .map((i) => ({ ...i, description: i.value === preferred ? '(default)' : '' }))
      .sort((a, b) => Number(b.value === preferred) - Number(a.value === preferred)),
  );
  if (patternChoice === undefined) return;
  const editor = vscode.window.activeTextEditor;
  const where =
    editor === undefined
      ? 'new'
      : await pick<'new' | 'cursor'>(5, 'Where should the result go?', [
          { label: 'Open in a new editor', value: 'new' },
          {
            label: 'Insert at the cursor',
            description: vscode.workspace.asRelativePath(editor.document.uri),
            value: 'cursor',
          },
        ]);
  if (where === undefined) return;

  const { wanInterface: _w, lanInterface: _l, strict: _s, ...defaults } = s;
  const options: SkypeNackOptions = { ...defaults, ...rates, publicIps, pattern: patternChoice, queue };
  const generatedBy = `VS Code, "RouterOS: Generate Skype NAck QoS" (the same as: ${skypeNackCommandLine(options)})`;
  try {
    // Inserted into a RouterOS file: that file is the configuration the rules join, so the generator can
    // place them before a rule of it that would hide them (place-before, RSC4011).
    const existing =
      where === 'cursor' && editor?.document.languageId === 'routeros'
        ? editor.document.getText()
        : undefined;
    const recipe = generateSkypeNack({ ...options, generatedBy, existing });
    await context.globalState.update(LAST_IPS_KEY, publicIps.join(', '));
    if (rates.upload !== undefined) await context.globalState.update(LAST_RATES_KEY, rates);
    await place(recipe.text, recipe.text === recipe.winbox ? 'winbox' : 'rsc', where);
    if (recipe.warnings.length > 0) {
      void vscode.window.showWarningMessage(`Skype NAck QoS: ${recipe.warnings.join(' — ')}`);
    }
  } catch (err) {
    if (err instanceof SkypeNackOptionsError) {
      // Settings can hold what the input steps cannot check (e.g. a bad rate): say which one.
      void vscode.window.showErrorMessage(
        `Skype NAck QoS: ${err.problems.join('; ')} (check the routeros.skypeNack settings)`,
      );
      return;
    }
    if (err instanceof NackSelfCheckError) {
      void vscode.window.showErrorMessage(`Skype NAck QoS: ${err.message}`);
      return;
    }
    throw err;
  }
}
