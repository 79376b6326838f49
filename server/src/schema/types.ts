// The data types of the RouterOS command tree: value types (parsed from RouterOS's own `desc` hints or
// written in the overlay), version sets and targets. Shared by the generator (scripts/gen-schema.ts),
// the decoder and the lookup API, so it holds types and tiny helpers only.

/**
 * What a value of an argument may look like. `unknown` means RouterOS gave no usable hint (no `desc`,
 * or `see documentation`) and the overlay adds none: anything is accepted.
 */
export type ValueType =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'string'; readonly min?: number; readonly max?: number; readonly hex?: boolean }
  | { readonly kind: 'script' }
  | {
      readonly kind: 'enum';
      readonly values: readonly string[];
      /** List form (`a|b|c[,Name*]`): a comma-separated list of the values. */
      readonly list?: boolean;
      /** Open-ended: other names are allowed too (custom chains, interface names ...). */
      readonly open?: boolean;
      /** Each list item may carry its own `!` (`tcp-flags=syn,!ack`). */
      readonly negatableItems?: boolean;
    }
  /** An integer; bounds are inclusive. */
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number }
  /** `N` or `N-M` (packet-size, connection-bytes): integers within the bounds. */
  | { readonly kind: 'int-range'; readonly min?: number; readonly max?: number }
  /** A RouterOS time interval; bounds in milliseconds, inclusive. */
  | { readonly kind: 'time'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'ip' }
  | { readonly kind: 'ip-prefix' }
  /** `A.B.C.D`, `A.B.C.D-A.B.C.D`, `A.B.C.D/len` or `A.B.C.D/netmask`. */
  | { readonly kind: 'ip-range' }
  | { readonly kind: 'ipv6' }
  | { readonly kind: 'ipv6-prefix' }
  | { readonly kind: 'mac' }
  | { readonly kind: 'yesno' }
  /** Ports: `80`, `80,443`, `8000-8080`, mixed. */
  | { readonly kind: 'port-range' }
  /** A bit rate: `10M`, `512k`, `0`, also `A-B` (connection-rate) and `A/B` (queue upload/download). */
  | { readonly kind: 'rate' }
  /** Any one of the alternatives (e.g. `time | none-dynamic | none-static`). */
  | { readonly kind: 'one-of'; readonly types: readonly ValueType[] }
  /** The inner type, optionally prefixed by `!` (firewall matchers such as `src-address=!10.0.0.0/8`). */
  | { readonly kind: 'negatable'; readonly inner: ValueType };

export type ValueKind = ValueType['kind'];

/** A set of versions: bit i set means VERSIONS[i] has the node. */
export type VersionSet = number;

export type NodeKind = 'menu' | 'path' | 'command' | 'arg';

/** A resolved target version: an index into VERSIONS, plus whether the user asked for RouterOS 6. */
export interface Target {
  /** The label the user gave, normalised: 'latest', '7.12', '6'. */
  readonly label: string;
  /** Index into VERSIONS of the tree used for this target (v6 uses the oldest 7.x tree). */
  readonly index: number;
  /** RouterOS 6: names missing from the tree are reported as information only. */
  readonly v6: boolean;
  /** False when the label was not understood or is outside the known versions and was clamped. */
  readonly exact: boolean;
}

/** Returns true when `set` contains version index `i`. */
export function hasVersion(set: VersionSet, i: number): boolean {
  return ((set >>> i) & 1) === 1;
}
