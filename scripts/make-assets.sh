#!/usr/bin/env bash
# Rasterises assets/src/*.svg into what electron-builder and the tray need, and writes the ring
# tone. Needs Debian's librsvg2-bin (rsvg-convert) and icoutils (icotool): apt-get install -y
# librsvg2-bin icoutils. The outputs are committed; run this again after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null && command -v icotool >/dev/null || {
  echo "make-assets: needs rsvg-convert and icotool (apt-get install -y librsvg2-bin icoutils)" >&2
  exit 1
}
mkdir -p assets/icons assets/tray assets/sounds build
# Linux (deb, AppImage) takes a folder of <size>x<size>.png; 1024 for macOS and the stores.
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" assets/src/icon.svg -o "assets/icons/${size}x${size}.png"
done
cp assets/icons/1024x1024.png assets/icon.png
# Windows: one .ico with every size the shell asks for (256 stored as PNG inside the .ico).
icotool -c -o assets/icon.ico assets/icons/{16x16,24x24,32x32,48x48,64x64,128x128}.png -r assets/icons/256x256.png
# Tray: 16 and 32 px (the @2x name is Electron's convention for high-DPI screens).
for state in registered unregistered ringing; do
  rsvg-convert -w 16 -h 16 "assets/src/tray-${state}.svg" -o "assets/tray/${state}.png"
  rsvg-convert -w 32 -h 32 "assets/src/tray-${state}.svg" -o "assets/tray/${state}@2x.png"
done
node scripts/make-ringtone.mjs assets/sounds/ring.wav
echo "make-assets: assets/ written"
