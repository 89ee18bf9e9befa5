// The names and sizes in a zip file (a .vsix is one), read from its central
// directory: enough to check what a package holds without an unzip tool.
import { readFileSync } from 'node:fs';

export interface ZipEntry {
  name: string;
  size: number;
}

export function zipEntries(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: broken central directory entry ${n}`);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({ name: zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'), size });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
