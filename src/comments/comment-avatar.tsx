/**
 * Avatars drawn locally: a symmetric 5×5 pattern and a hue taken from a keyed
 * hash (HMAC with the instance secret) of the commenter's email. No Gravatar call,
 * and nothing in the page lets anyone test a guessed address, which an unkeyed
 * hash (Gravatar's MD5) would.
 */
import { createHmac } from 'node:crypto';
import { h, type SafeHtml } from '../views/jsx.js';

/** The keyed hash an avatar is drawn from. */
export function avatarKey(secret: string, email: string): Buffer {
  return createHmac('sha256', secret).update(`avatar:${email.trim().toLowerCase()}`).digest();
}

/** The SVG path of the pattern: 15 bits decide the left three columns, mirrored to the right. */
export function avatarPath(key: Buffer): string {
  const cells: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let col = 0; col < 3; col++) {
      const bit = row * 3 + col;
      if ((key[bit >> 3]! >> (bit & 7)) & 1) {
        cells.push(`M${col} ${row}h1v1h-1z`);
        if (col < 2) cells.push(`M${4 - col} ${row}h1v1h-1z`);
      }
    }
  }
  return cells.join('');
}

/** An inline SVG avatar, decorative (the name beside it says who wrote the comment). */
export function Avatar(props: { avatarKey: Buffer }): SafeHtml {
  const hue = ((props.avatarKey[2]! << 8) | props.avatarKey[3]!) % 360;
  return (
    <svg class="avatar" viewBox="-0.5 -0.5 6 6" width="32" height="32" aria-hidden="true" focusable="false">
      <rect x="-0.5" y="-0.5" width="6" height="6" fill={`hsl(${hue} 45% 90%)`} />
      <path d={avatarPath(props.avatarKey)} fill={`hsl(${hue} 55% 38%)`} />
    </svg>
  );
}
