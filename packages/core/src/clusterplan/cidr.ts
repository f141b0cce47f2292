/** IPv4 addresses and networks as numbers: enough to check overlaps and sizes. */

export interface Network {
  readonly text: string;
  /** First address of the network. */
  readonly start: number;
  /** Last address of the network. */
  readonly end: number;
  readonly prefix: number;
}

export function parseAddress(text: string): number {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`"${text}" is not an IPv4 address`);
  }
  return parts.reduce((n, p) => n * 256 + p, 0);
}

/** Parses `10.42.0.0/16`; `exact` tells whether the address is the network's first address. */
export function parseNetwork(text: string): Network & { readonly exact: boolean } {
  const [addr, bits] = text.split('/');
  const prefix = Number(bits);
  if (addr === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new Error(`"${text}" is not an IPv4 network in CIDR notation`);
  }
  const a = parseAddress(addr);
  const size = 2 ** (32 - prefix);
  const start = Math.floor(a / size) * size;
  return { text, start, end: start + size - 1, prefix, exact: start === a };
}

export function overlaps(a: Network, b: Network): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(n: Network, address: number): boolean {
  return address >= n.start && address <= n.end;
}

/** The network's size in addresses. */
export function sizeOf(n: Network): number {
  return n.end - n.start + 1;
}
