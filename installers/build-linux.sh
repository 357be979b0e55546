#!/usr/bin/env bash
# Builds the Linux installers from the built studio (app/target/castline-app.jar + app/target/lib):
# a trimmed Java runtime (jlink: the modules jdeps finds, without debug symbols, headers and man
# pages, compressed), then jpackage's .deb and an app-image archive (.tar.gz) of the same tree.
# JavaFX and the FFmpeg natives are the build's own jars (this platform's only: the poms pull the
# build machine's classifiers), on the class path as in a build.
#
#   installers/build-linux.sh VERSION APP_TARGET OUT_DIR
set -euo pipefail
version="${1%-SNAPSHOT}"; app_target="$2"; out="$3"  # jpackage takes numbers only
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$out/work"
rm -rf "$out"; mkdir -p "$work/input" "$out"

cp "$app_target/castline-app.jar" "$work/input/"
cp "$app_target"/lib/*.jar "$work/input/"

# The JDK modules the code uses, as jdeps reads them off the classes, plus the ones only reached by
# name at run time: elliptic-curve TLS (RTMPS ingests), the locales' data (number and currency
# formats), the extra charsets, the random generators (reconnect jitter) and jdk.management (the
# process's CPU time for the stats bar).
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 \
  --class-path "$work/input/*" "$work/input/castline-app.jar" 2>/dev/null)"
modules="$modules,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.random,jdk.management,jdk.zipfs"
echo "installers: runtime modules: $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$work/runtime"

# The same JVM options as ./castline gives the studio (docs/performance.md, "Memory"); the
# launcher runs the CLI when it is given arguments (io.castline.app.launcher.Castline).
java_options=(-Xms64m -Xmx512m -XX:+UseSerialGC -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000
  -XX:TieredStopAtLevel=1 -Xmn8m)
jpackage_opts=()
for o in "${java_options[@]}"; do jpackage_opts+=(--java-options "$o"); done

common=(--name castline --app-version "$version" --vendor "Castline"
  --description "Castline: a broadcaster for live-commerce hosts (scenes, product cards, a primary and a backup ingest)"
  --input "$work/input" --main-jar castline-app.jar --main-class io.castline.app.launcher.Castline
  --runtime-image "$work/runtime" "${jpackage_opts[@]}")

"$jdk/bin/jpackage" --type app-image --dest "$work/image" "${common[@]}"
tar -C "$work/image" -czf "$out/castline-$version-linux-$(uname -m).tar.gz" castline

"$jdk/bin/jpackage" --type deb --dest "$out" "${common[@]}" \
  --linux-package-name castline --linux-shortcut --linux-menu-group "AudioVideo;Video" \
  --linux-app-category video --linux-deb-maintainer "castline@localhost"

ls -l "$out"/*.deb "$out"/*.tar.gz
