// The parser asks "is this word a menu, a command, or neither?" to reproduce RouterOS's "expected command
// name". The answer comes from the generated command tree (all 7.x versions, all x86 packages), with
// RouterOS's unique-prefix abbreviations (`/ip fire conn`) applied.
import { abbreviatingOracle, type CommandOracle } from '../syntax';
import { childNames, commandOracle } from '../schema';

export const schemaOracle: CommandOracle = abbreviatingOracle(commandOracle, childNames);
