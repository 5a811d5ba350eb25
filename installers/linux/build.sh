#!/usr/bin/env bash
# ./run package: the one-folder bundle (PyInstaller), the .deb built from it,
# then the bundle's tests against the .deb unpacked into a temporary root.
#   installers/linux/build.sh [--no-test]
# Output: build/dist/agentdesk/ (the bundle) and build/agentdesk_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${VENV:-.venv}
APP_ID=fr.agentdesk.AgentDesk
VERSION=$("$VENV/bin/python" -c 'import agentdesk; print(agentdesk.__version__)')
ARCH=$(dpkg --print-architecture)
STAGE=build/deb/agentdesk_${VERSION}_${ARCH}
DEB=build/agentdesk_${VERSION}_${ARCH}.deb

echo "bundle: PyInstaller (about 30 s)"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --distpath build/dist --workpath build/work pyinstaller.spec

echo "package: $DEB"
rm -rf "$STAGE"
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/DEBIAN"
cp -a build/dist/agentdesk "$STAGE/opt/agentdesk"
ln -s /opt/agentdesk/agentdesk "$STAGE/usr/bin/agentdesk"
install -Dm644 "resources/linux/$APP_ID.desktop" "$STAGE/usr/share/applications/$APP_ID.desktop"
install -Dm644 "resources/linux/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/$APP_ID.metainfo.xml"
for size in 16 24 32 48 64 128 256 512; do
  install -Dm644 "resources/icons/agentdesk-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -Dm644 resources/icons/agentdesk.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
install -Dm644 installers/linux/agentdesk-switchboard.service \
  "$STAGE/usr/lib/systemd/system/agentdesk-switchboard.service"
install -Dm644 installers/linux/agentdesk.sysusers "$STAGE/usr/lib/sysusers.d/agentdesk.conf"
install -Dm644 installers/agentdesk.toml.example "$STAGE/usr/share/doc/agentdesk/agentdesk.toml.example"
install -Dm644 installers/linux/OPERATOR.md "$STAGE/usr/share/doc/agentdesk/OPERATOR.md"
install -Dm644 installers/linux/copyright "$STAGE/usr/share/doc/agentdesk/copyright"
installed_kb=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$installed_kb/" \
  installers/linux/control.in >"$STAGE/DEBIAN/control"
install -m755 installers/linux/postinst installers/linux/postrm "$STAGE/DEBIAN/"
# zstd: 1.5 s here against about 2 min for the default xz, for a 30% bigger file.
dpkg-deb --root-owner-group -Zzstd --build "$STAGE" "$DEB" >/dev/null
echo "built $DEB ($(du -m "$DEB" | cut -f1) MB)"

if [ "${1:-}" != "--no-test" ]; then
  AGENTDESK_DEB="$PWD/$DEB" exec "$VENV/bin/pytest" -m bundle -q tests/packaging
fi
