// Decodes a PNG and tells whether it is blank (one flat colour) — used to check screenshots.
'use strict';
const fs = require('node:fs');
const { PNG } = require('pngjs');

/** Returns {width, height, distinctColors, dominantShare} for a PNG file. */
function pngStats(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const counts = new Map();
  for (let i = 0; i < png.data.length; i += 4 * 7) { // sample every 7th pixel
    const key = (png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const dominant = Math.max(...counts.values());
  return { width: png.width, height: png.height, distinctColors: counts.size, dominantShare: dominant / total };
}

/** Mean luminance (0..255) of a region, to tell a dark theme from a light one. */
function meanLuminance(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  let sum = 0, n = 0;
  for (let i = 0; i < png.data.length; i += 4 * 11) { sum += 0.2126 * png.data[i] + 0.7152 * png.data[i + 1] + 0.0722 * png.data[i + 2]; n++; }
  return sum / n;
}

module.exports = { pngStats, meanLuminance };
