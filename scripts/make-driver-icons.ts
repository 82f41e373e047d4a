// `node bin/run-ts.js scripts/make-driver-icons.ts`: draws the driver app's icons (issue 15) into
// dashboard/web/icons/ — a white snowflake on the top bar's ice blue. Run once; the PNG files are
// committed, so no build step and no image library are needed. PNG written by hand (zlib deflate).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('../dashboard/web/icons/', import.meta.url);
const ICE_900 = [0x0b, 0x2a, 0x3f];
const WHITE = [0xff, 0xff, 0xff];

/** CRC-32 of a PNG chunk (ISO 3309, as PNG §5.5 defines it). */
function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Whether (x, y), in units of the drawing's radius from its centre, is on the snowflake. */
function onFlake(x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  if (r > 1) return false;
  if (r < 0.16) return true;
  // Six arms, each a bar with two side branches.
  const angle = Math.atan2(y, x);
  for (let arm = 0; arm < 6; arm++) {
    const a = (arm * Math.PI) / 3;
    const along = r * Math.cos(angle - a);
    const across = r * Math.sin(angle - a);
    if (along > 0 && Math.abs(across) < 0.075) return true;
    for (const at of [0.45, 0.72]) {
      const bx = along - at;
      // A branch leaves the arm at ±60°, as long as a quarter of the arm.
      for (const side of [1, -1]) {
        const u = bx * Math.cos(Math.PI / 3) + side * across * Math.sin(Math.PI / 3);
        const v = -bx * Math.sin(Math.PI / 3) * side + across * Math.cos(Math.PI / 3);
        if (u > 0 && u < 0.24 && Math.abs(v) < 0.06) return true;
      }
    }
  }
  return false;
}

/** `flake`: the drawing's radius as a share of the icon's half-width (maskable: inside the safe zone). */
function icon(size: number, flake: number, rounded: boolean): Buffer {
  const rows: Buffer[] = [];
  const half = size / 2;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5 - half) / half;
      const y = (py + 0.5 - half) / half;
      // A rounded square for the plain icon; the maskable one fills every pixel (the phone crops it).
      const corner = 0.36;
      const cx = Math.max(Math.abs(x) - (1 - corner), 0);
      const cy = Math.max(Math.abs(y) - (1 - corner), 0);
      const inside = !rounded || Math.hypot(cx, cy) <= corner;
      const colour = onFlake(x / flake, y / flake) ? WHITE : ICE_900;
      row.set(inside ? [...colour, 0xff] : [0, 0, 0, 0], 1 + px * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('driver-192.png', OUT), icon(192, 0.78, true));
writeFileSync(new URL('driver-512.png', OUT), icon(512, 0.78, true));
// Maskable (W3C appmanifest "purpose"): the safe zone is the centred circle of 80 % diameter.
writeFileSync(new URL('driver-maskable-512.png', OUT), icon(512, 0.6, false));
// iOS draws its own rounded corners on the home screen and wants no transparency.
writeFileSync(new URL('driver-apple-180.png', OUT), icon(180, 0.7, false));
console.log('wrote dashboard/web/icons/');
