// The quick fix "Replace with the NAck pattern for these addresses" (offered by the server on a layer-7
// pattern used by a NAck-detection rule): asks for the public addresses, builds the same pattern as
// "Generate Skype NAck QoS" and `rsc gen skype-nack`, and replaces the pattern's text. Loaded on first use.
import * as vscode from 'vscode';
import { validatePublicAddressInput } from '../../../server/src/codegen';
import { nackReplacement } from '../../../server/src/codegen/qos/nack-replacement';

/** The addresses entered last time (shared with the generator command). */
const LAST_IPS_KEY = 'routeros.skypeNack.lastPublicIps';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export async function run(
  context: vscode.ExtensionContext,
  uri: string,
  range: LspRange,
  form: string,
): Promise<void> {
  const addresses = await vscode.window.showInputBox({
    title: 'Replace with the NAck pattern',
    prompt:
      'Your public IPv4 addresses or ranges (the NAck carries one of them), e.g. 213.45.0.0/16, 92.1.2.3',
    value: context.globalState.get<string>(LAST_IPS_KEY) ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => validatePublicAddressInput(text) ?? null,
  });
  if (addresses === undefined) return; // cancelled: nothing changes
  const strict = vscode.workspace.getConfiguration('routeros.skypeNack').get<boolean>('strict') === true;
  const r = nackReplacement(addresses, form === 'winbox' ? 'winbox' : 'cli', strict ? 'strict' : 'tolerant');
  if (!r.ok) {
    void vscode.window.showErrorMessage(`Replace with the NAck pattern: ${r.error}`);
    return;
  }
  await context.globalState.update(LAST_IPS_KEY, addresses);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    vscode.Uri.parse(uri),
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    r.text,
  );
  await vscode.workspace.applyEdit(edit);
  for (const w of r.warnings) void vscode.window.showWarningMessage(w);
}
