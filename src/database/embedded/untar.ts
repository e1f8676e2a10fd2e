import { mkdirSync, writeFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

// Unpacks a gzipped ustar archive of plain files and directories (what PGlite's dumpDataDir writes)
// into `target`, owner-only (0700 / 0600). Anything else in the archive, or a path that would leave
// `target`, is an error: the archive is the project's own build output, and nothing else is expected.
export function extractTarGz(archive: Buffer, target: string): number {
  const tar = gunzipSync(archive);
  let files = 0;
  for (let offset = 0; offset + BLOCK <= tar.length; ) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const name = field(header, 0, 100);
    const prefix = field(header, 345, 155);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const path = safePath(target, prefix ? `${prefix}/${name}` : name);
    const start = offset + BLOCK;
    if (type === '5') {
      mkdirSync(path, { recursive: true, mode: 0o700 });
    } else if (type === '0') {
      mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
      writeFileSync(path, tar.subarray(start, start + size), { mode: 0o600 });
      files++;
    } else {
      throw new Error(`Unexpected entry of type ${JSON.stringify(type)} in the archive: ${name}`);
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function safePath(target: string, name: string): string {
  const relative = normalize(name.replace(/^\/+/, ''));
  if (relative === '..' || relative.startsWith(`..${sep}`) || relative.includes(`${sep}..${sep}`)) {
    throw new Error(`Archive entry outside the target directory: ${name}`);
  }
  return join(target, relative);
}
