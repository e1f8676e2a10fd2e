const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export type IdPrefix = 'acc' | 'usr' | 'key' | 'evt';

// API ids are `<prefix>_<uuid>`; the database stores the bare UUID.
export function parseId(prefix: IdPrefix, value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith(`${prefix}_`)) return null;
  const uuid = value.slice(prefix.length + 1);
  return isUuid(uuid) ? uuid.toLowerCase() : null;
}

export function formatId(prefix: IdPrefix, uuid: string): string {
  return `${prefix}_${uuid}`;
}

export function idExample(prefix: IdPrefix): string {
  return `${prefix}_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41`;
}
