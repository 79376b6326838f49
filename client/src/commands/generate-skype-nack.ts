// The VS Code command "RouterOS: Generate Skype NAck QoS…": a short multi-step input (public addresses,
// tolerant or strict pattern, queue, where to put the result) that calls the same generator as
// `rsc gen skype-nack`. Defaults come from the routeros.skypeNack.* settings; the addresses from last use.
import * as vscode from 'vscode';
import {
  generateSkypeNack,
  NackSelfCheckError,
  SKYPE_NACK_DEFAULTS,
  SkypeNackOptionsError,
  skypeNackCommandLine,
  splitAddressList,
  TRADE_OFF,
  validatePublicAddressInput,
  type SkypeNackChain,
  type SkypeNackForm,
  type SkypeNackOptions,
  type SkypeNackQueue,
} from '../../../server/src/codegen';

/** globalState key of the addresses entered last time. */
const LAST_IPS_KEY = 'routeros.skypeNack.lastPublicIps';
const TITLE = 'Generate Skype NAck QoS';
const STEPS = 4;

/** The routeros.skypeNack.* settings, with the generator's defaults where a setting is unset or invalid. */
function settings(): Omit<SkypeNackOptions, 'publicIps' | 'queue' | 'strict'> & {
  strict: boolean;
  queueParent: string;
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
    inInterfaceList: optional('wanInterfaceList'),
    dscp: typeof dscp === 'number' ? dscp : undefined,
    form: (form === 'winbox' ? 'winbox' : 'rsc') as SkypeNackForm,
    strict: c.get<boolean>('strict') === true,
    queueParent: text('queueParent', 'global'),
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

async function askQueue(defaultParent: string): Promise<SkypeNackQueue | null | undefined> {
  const kind = await pick<'tree' | 'simple' | 'none'>(3, 'Queue for the marked packets', [
    {
      label: 'Queue tree',
      description: 'priority 1 under a parent you name',
      detail:
        'A /queue tree entry with packet-mark and priority 1. Priorities act where the parent has a max-limit.',
      value: 'tree',
    },
    {
      label: 'Simple queue',
      description: 'for a target (address, prefix or interface)',
      detail:
        'A /queue simple entry with packet-marks and priority 1/1; keep it above other queues for that target.',
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
  if (kind === 'none') return null;
  const value = await vscode.window.showInputBox({
    title: `${TITLE} (3/${STEPS})`,
    prompt:
      kind === 'tree'
        ? 'Parent of the queue tree entry (global, an interface or a queue)'
        : 'Target of the simple queue',
    placeHolder: kind === 'tree' ? 'global' : '192.168.88.0/24',
    value: kind === 'tree' ? defaultParent : '',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'give a name' : null),
  });
  if (value === undefined) return undefined;
  return kind === 'tree' ? { kind: 'tree', parent: value.trim() } : { kind: 'simple', target: value.trim() };
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
  const strict = await pick<boolean>(
    2,
    'Pattern: how to handle the zero bytes the layer-7 matcher deletes',
    [
      {
        label: 'Tolerant',
        description: s.strict ? '' : '(default)',
        detail: TRADE_OFF.tolerant,
        value: false,
      },
      { label: 'Strict', description: s.strict ? '(default)' : '', detail: TRADE_OFF.strict, value: true },
    ].sort((a, b) => Number(b.value === s.strict) - Number(a.value === s.strict)),
  );
  if (strict === undefined) return;
  const queue = await askQueue(s.queueParent);
  if (queue === undefined) return;
  const editor = vscode.window.activeTextEditor;
  const where =
    editor === undefined
      ? 'new'
      : await pick<'new' | 'cursor'>(4, 'Where should the result go?', [
          { label: 'Open in a new editor', value: 'new' },
          {
            label: 'Insert at the cursor',
            description: vscode.workspace.asRelativePath(editor.document.uri),
            value: 'cursor',
          },
        ]);
  if (where === undefined) return;

  const { queueParent: _queueParent, ...defaults } = s;
  const options: SkypeNackOptions = { ...defaults, publicIps, strict, queue: queue ?? undefined };
  const generatedBy = `VS Code, "RouterOS: Generate Skype NAck QoS" (the same as: ${skypeNackCommandLine(options)})`;
  try {
    const recipe = generateSkypeNack({ ...options, generatedBy });
    await context.globalState.update(LAST_IPS_KEY, publicIps.join(', '));
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
