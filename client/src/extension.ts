// VS Code entry point: registers the extension's commands and starts the RouterOS language server (the
// bundled `rsc` CLI in --node-ipc mode). Everything that understands RouterOS lives in the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

import { registerDeploy } from './deploy';
import { registerMangleFlow } from './commands/mangle-flow';
import { registerL7Capture } from './commands/l7-capture';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;

/** The running client, once it has started; undefined when it failed to start. */
async function runningClient(): Promise<LanguageClient | undefined> {
  return starting?.catch(() => undefined);
}

/**
 * "Generate Skype NAck QoS" needs the recipe generator and the layer-7 engine; the module loads on the
 * command's first use (esbuild.mjs bundles every dynamic import of the client as its own file), so
 * activation does not pay for it.
 */
function registerGenerateSkypeNack(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('routeros.generateSkypeNackQos', async () =>
      (await import('./commands/generate-skype-nack.js')).run(context),
    ),
    // Run by the server's quick fix on a NAck-detection pattern (RSC3005): asks for the addresses first.
    vscode.commands.registerCommand(
      'routeros.replaceWithNackPattern',
      async (
        uri: string,
        range: Parameters<typeof import('./commands/replace-nack-pattern.js').run>[2],
        form: string,
      ) => (await import('./commands/replace-nack-pattern.js')).run(context, uri, range, form),
    ),
  );
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  registerDeploy(context);
  registerMangleFlow(context, runningClient);
  registerL7Capture(context, runningClient);
  registerGenerateSkypeNack(context);
  // The language client is a chunk of its own (language-client.ts says why); the returned promise settles
  // when the server runs, as it did when the client was part of this file, so a failed start still shows
  // as a failed activation.
  starting = import('./language-client.js').then(async (m) => {
    const c = m.createClient(context);
    client = c;
    context.subscriptions.push(c);
    await c.start();
    return c;
  });
  return starting.then(() => undefined);
}

export async function deactivate(): Promise<void> {
  await starting?.catch(() => undefined);
  await client?.stop();
  client = undefined;
  starting = undefined;
}
