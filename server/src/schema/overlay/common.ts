// Short docs for the commands most menus share (print, add, set, find ...), used where a menu's own
// overlay says nothing about the command. Which menus have which command comes from the tree.

export const COMMON_COMMAND_DOCS: Readonly<Record<string, string>> = {
  add: 'Adds a new item to the menu and returns its id.',
  set: 'Changes settings of the given items (by number, name or `[find ...]`), or of the menu itself when it has no items.',
  remove: 'Deletes the given items.',
  print: 'Lists the items (or settings); `where` filters, `as-value` returns an array to scripts.',
  find: 'Returns the ids of the items that match the `where` condition, for use in `[ ]`.',
  get: 'Returns the value of one property of an item (or of the menu settings).',
  export: 'Prints the configuration of this menu as script commands.',
  edit: 'Opens a property in the interactive editor (console only).',
  enable: 'Enables the given items.',
  disable: 'Disables the given items; they stay in the configuration.',
  comment: 'Sets the comment of the given items.',
  move: 'Moves items to a new place in the list (order matters for rules and queues).',
  reset: 'Sets the given properties back to their defaults.',
  unset: 'Clears an optional property of the given items.',
  'reset-counters': 'Sets the counters of the given items to zero.',
  'reset-counters-all': 'Sets the counters of all items to zero.',
  monitor: 'Shows live status of the given items.',
};
