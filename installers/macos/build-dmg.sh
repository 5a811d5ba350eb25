#!/usr/bin/env bash
# macOS: AgentDesk.app (pyinstaller.spec's BUNDLE step) into a .dmg.
# Not run on the project's machines (Linux): see README.md.
#   installers/macos/build-dmg.sh            unsigned (a test build)
#   SIGN_ID="Developer ID Application: …" NOTARY_PROFILE=agentdesk installers/macos/build-dmg.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(.venv/bin/python -c 'import agentdesk; print(agentdesk.__version__)')
APP=build/dist/AgentDesk.app
DMG=build/AgentDesk-$VERSION.dmg

.venv/bin/pyinstaller --noconfirm --distpath build/dist --workpath build/work pyinstaller.spec
/usr/libexec/PlistBuddy -c "Print :NSCameraUsageDescription" "$APP/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Print :NSMicrophoneUsageDescription" "$APP/Contents/Info.plist"

if [ -n "${SIGN_ID:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements installers/macos/entitlements.plist --sign "$SIGN_ID" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi

staging=$(mktemp -d)
cp -R "$APP" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "AgentDesk" -srcfolder "$staging" -ov -format UDZO "$DMG"
rm -rf "$staging"

if [ -n "${SIGN_ID:-}" ]; then
  codesign --sign "$SIGN_ID" --timestamp "$DMG"
  # Keychain profile made once with: xcrun notarytool store-credentials agentdesk …
  xcrun notarytool submit "$DMG" --keychain-profile "${NOTARY_PROFILE:?}" --wait
  xcrun stapler staple "$DMG"
fi
echo "built $DMG"
