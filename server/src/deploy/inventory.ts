// Ansible YAML inventories (`all.hosts.NAME.ansible_host`, `ansible_port`, `ansible_user`, groups with
// `children` and `vars`), so a fleet already described for Ansible works as it is: parsing, variable
// inheritance (all < parent group < child group < host), and `--limit GROUP|HOST[,...]`. Pure.
import { parse as parseYaml } from 'yaml';
import { parseHost } from './hosts';

export interface InventoryHost {
  /** The inventory name (the table's "router" column). */
  name: string;
  host: string;
  port: number;
  user?: string;
  /** ansible_ssh_private_key_file, when set. */
  privateKey?: string;
  /** Every group the host is in, `all` included, outermost first. */
  groups: string[];
}

export interface Inventory {
  hosts: InventoryHost[];
  /** Group name -> host names (transitively through children). */
  groups: Map<string, string[]>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the inventory text; throws an Error with a one-line reason on anything it cannot use. */
export function parseInventory(text: string): Inventory {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new Error(`not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw new Error('an Ansible YAML inventory is a mapping of groups (e.g. "all:")');
  const vars = new Map<string, Obj>();
  const order: string[] = [];
  const groups = new Map<string, Set<string>>([['all', new Set<string>()]]);
  const memberOf = new Map<string, string[]>();

  const visit = (name: string, g: unknown, parents: string[], inherited: Obj, depth: number): void => {
    if (depth > 32) throw new Error(`group "${name}" nests too deeply (a cycle of children?)`);
    if (g !== null && g !== undefined && !isObj(g)) throw new Error(`group "${name}" must be a mapping`);
    const grp = (g ?? {}) as Obj;
    const gv = grp.vars === undefined ? {} : grp.vars;
    if (!isObj(gv)) throw new Error(`"vars" of group "${name}" must be a mapping`);
    const mine = { ...inherited, ...gv };
    const path = [...parents, name];
    const set = groups.get(name) ?? new Set<string>();
    groups.set(name, set);
    if (grp.hosts !== undefined && grp.hosts !== null) {
      if (!isObj(grp.hosts)) throw new Error(`"hosts" of group "${name}" must be a mapping of host names`);
      for (const [h, hv] of Object.entries(grp.hosts)) {
        if (hv !== null && hv !== undefined && !isObj(hv))
          throw new Error(`host "${h}" in group "${name}" must be a mapping (or empty)`);
        if (!vars.has(h)) order.push(h);
        vars.set(h, { ...(vars.get(h) ?? {}), ...mine, ...((hv as Obj | null) ?? {}) });
        for (const p of path) groups.get(p)!.add(h);
        memberOf.set(h, [...new Set([...(memberOf.get(h) ?? []), ...path])]);
      }
    }
    if (grp.children !== undefined && grp.children !== null) {
      if (!isObj(grp.children)) throw new Error(`"children" of group "${name}" must be a mapping of groups`);
      for (const [c, cg] of Object.entries(grp.children)) visit(c, cg, path, mine, depth + 1);
    }
  };
  const top = isObj(doc.all) ? (doc.all.vars as Obj | undefined) : undefined;
  for (const [name, g] of Object.entries(doc)) {
    visit(name, g, name === 'all' ? [] : ['all'], name === 'all' ? {} : isObj(top) ? top : {}, 0);
  }
  const hosts: InventoryHost[] = [];
  for (const name of order) {
    const v = vars.get(name)!;
    const rawHost = v.ansible_host ?? name;
    if (typeof rawHost !== 'string') throw new Error(`ansible_host of "${name}" must be a string`);
    const h = parseHost(rawHost);
    if ('error' in h) throw new Error(`host "${name}": ${h.error}`);
    let port = 22;
    if (v.ansible_port !== undefined) {
      const p = Number(v.ansible_port);
      if (!Number.isInteger(p) || p < 1 || p > 65535)
        throw new Error(`ansible_port of "${name}" must be a port from 1 to 65535`);
      port = p;
    }
    const user = v.ansible_user;
    if (user !== undefined && (typeof user !== 'string' || /[\s@:]/.test(user) || user.startsWith('-')))
      throw new Error(`ansible_user of "${name}" is not a valid user name`);
    const key = v.ansible_ssh_private_key_file ?? v.ansible_private_key_file;
    hosts.push({
      name,
      host: h.host,
      port,
      user: user as string | undefined,
      ...(typeof key === 'string' && key ? { privateKey: key } : {}),
      groups: memberOf.get(name)!,
    });
  }
  for (const h of order) groups.get('all')!.add(h);
  return { hosts, groups: new Map([...groups].map(([k, v]) => [k, [...v]])) };
}

/**
 * Hosts selected by `--limit`: group or host names separated by `,` or `:` (Ansible's union), in
 * inventory order. Throws on a name that is neither.
 */
export function limitHosts(inv: Inventory, limit: string | undefined): InventoryHost[] {
  if (!limit) return inv.hosts;
  const want = new Set<string>();
  for (const part of limit
    .split(/[,:]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const g = inv.groups.get(part);
    if (g) for (const h of g) want.add(h);
    else if (inv.hosts.some((h) => h.name === part)) want.add(part);
    else throw new Error(`--limit: "${part}" is neither a group nor a host of the inventory`);
  }
  return inv.hosts.filter((h) => want.has(h.name));
}
