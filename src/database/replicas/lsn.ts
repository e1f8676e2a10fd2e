// A WAL position (PostgreSQL's pg_lsn, written "16/B374D848": two hex halves of a 64-bit offset),
// as a bigint so that positions compare with < and >.
export type Lsn = bigint;

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export function parseLsn(text: string): Lsn | null {
  const match = LSN_TEXT.exec(text.trim());
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export function laterOf(a: Lsn | null | undefined, b: Lsn | null | undefined): Lsn | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return a > b ? a : b;
}
