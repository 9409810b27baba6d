// A QR code drawn on a canvas from uqr (vendored by the build, served from this origin): black
// modules on white with the standard quiet zone, scaled to whole pixels so any camera reads it.
import { encode } from "../vendor/uqr.mjs";

export function drawQr(canvas, text) {
  const { data, size } = encode(text, { ecc: "M", border: 4 });
  const scale = Math.max(1, Math.floor(Math.min(canvas.width, canvas.height) / size));
  const offset = Math.floor((canvas.width - size * scale) / 2);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (data[y][x]) ctx.fillRect(offset + x * scale, offset + y * scale, scale, scale);
  }
}

export function clearQr(canvas) {
  canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
}
