// Renders the app icon set from renderer/public/icon.svg with Chromium
// (playwright-core), so the installers and the UI use one drawing:
//   build/icon.png          1024×1024, the source electron-builder converts for
//                           macOS (.icns) and Windows (.ico)
//   build/icons/NxN.png     the Linux set (hicolor theme sizes)
// Run after changing the SVG: node build/make-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SVG = readFileSync(path.join(HERE, '..', 'renderer', 'public', 'icon.svg'), 'utf8');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--force-color-profile=srgb'],
  headless: true,
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const svg = SVG.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  };
  mkdirSync(path.join(HERE, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) await render(size, path.join(HERE, 'icons', `${size}x${size}.png`));
  await render(1024, path.join(HERE, 'icon.png'));
} finally {
  await browser.close();
}
