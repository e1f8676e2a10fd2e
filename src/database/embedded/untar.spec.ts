import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extractTarGz } from './untar';

// A ustar entry: header (name, mode, size, type, checksum) and its data, padded to 512 bytes.
function entry(name: string, type: '0' | '5' | '2', data = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000600\0', 100);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  header.write('        ', 148);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}
const archive = (...entries: Buffer[]) => gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));

describe('extractTarGz', () => {
  const scratch: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'untar-'));
    scratch.push(dir);
    return dir;
  };
  afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('unpacks directories and files, owner-only, stripping the leading slash', () => {
    const target = tempDir();
    const big = Buffer.alloc(1300, 7);
    const files = extractTarGz(archive(entry('/base', '5'), entry('/base/1', '0', big), entry('/PG_VERSION', '0', Buffer.from('17\n'))), target);
    expect(files).toBe(2);
    expect(readdirSync(target).sort()).toEqual(['PG_VERSION', 'base']);
    expect(readFileSync(join(target, 'base', '1'))).toEqual(big);
    expect(statSync(join(target, 'base', '1')).mode & 0o777).toBe(0o600);
    expect(statSync(join(target, 'base')).mode & 0o777).toBe(0o700);
  });

  it('refuses entries that would leave the target', () => {
    const target = tempDir();
    expect(() => extractTarGz(archive(entry('../escape', '0', Buffer.from('x'))), target)).toThrow(/outside/);
    expect(() => extractTarGz(archive(entry('/a/../../escape', '0', Buffer.from('x'))), target)).toThrow(/outside/);
  });

  it('refuses links and other entry types', () => {
    const target = tempDir();
    expect(() => extractTarGz(archive(entry('/link', '2')), target)).toThrow(/type/);
  });
});
