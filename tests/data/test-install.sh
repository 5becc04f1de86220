#!/bin/sh
# meson install into a temporary DESTDIR; check the tree; run the installed
# binary (--version, --check --sample; the command line without GTK, the
# windows from the installed module); register the installed MIME type in a
# private database and check that GIO then recognises a .nianbao file.
set -eu
build=${NB_BUILD_DIR:?NB_BUILD_DIR is not set}
src=${NB_SOURCE_DIR:?NB_SOURCE_DIR is not set}
app=io.github.nianbao.Nianbao
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$dest.log" 2>&1 ||
  { cat "$dest.log"; rm -f "$dest.log"; echo "FAIL: meson install"; exit 1; }
rm -f "$dest.log"
prefix=$(meson introspect "$build" --buildoptions |
         python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
libdir=$(meson introspect "$build" --buildoptions |
         python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="libdir"))')
root=$dest$prefix

status=0
for f in \
  bin/nianbao \
  "$libdir/nianbao/nianbao-gui.so" \
  share/applications/$app.desktop \
  share/metainfo/$app.metainfo.xml \
  share/icons/hicolor/scalable/apps/$app.svg \
  share/icons/hicolor/symbolic/apps/$app-symbolic.svg \
  share/icons/hicolor/scalable/mimetypes/$app-application-x-nianbao.svg \
  share/mime/packages/$app.xml \
  share/glib-2.0/schemas/$app.gschema.xml \
  share/locale/zh_CN/LC_MESSAGES/nianbao.mo
do
  if [ -s "$root/$f" ]; then echo "installed: $f"; else echo "FAIL: not installed: $f"; status=1; fi
done
[ $status -eq 0 ] || exit 1

# Nothing is installed outside the prefix.
outside=$(cd "$dest" && find . -type f | grep -v "^\.$prefix/" || true)
[ -z "$outside" ] || { echo "FAIL: installed outside $prefix:"; echo "$outside"; status=1; }

# The installed files are the translated ones.
grep -qx 'Name\[zh_CN\]=政务公开年报' "$root/share/applications/$app.desktop" ||
  { echo "FAIL: installed desktop file is not translated"; status=1; }
msgunfmt "$root/share/locale/zh_CN/LC_MESSAGES/nianbao.mo" | grep -q '^msgstr "政务公开年报"$' ||
  { echo "FAIL: installed nianbao.mo lacks the translations"; status=1; }
desktop-file-validate "$root/share/applications/$app.desktop" || status=1
glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas" || status=1

# The installed binary runs (its resources are compiled in).
version=$("$root/bin/nianbao" --version) || { echo "FAIL: nianbao --version"; status=1; }
project_version=$(meson introspect "$build" --projectinfo | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
[ "$version" = "nianbao $project_version" ] ||
  { echo "FAIL: installed nianbao --version says “$version”, expected “nianbao $project_version”"; status=1; }
echo "installed binary: $version"
"$root/bin/nianbao" --check --sample || { echo "FAIL: installed nianbao --check --sample exited $?"; status=1; }

# The command line loads no GTK; without a command the installed program
# loads its installed window module, found from where the program is (here
# under DESTDIR, not where it was configured to go).  With no display GTK
# then gives up, which is not what is checked.
LD_DEBUG=files "$root/bin/nianbao" --check --sample >/dev/null 2>"$dest/ld.log" || true
if grep -q 'libgtk-4' "$dest/ld.log"; then echo "FAIL: nianbao --check loads GTK"; status=1; fi
LD_DEBUG=files timeout 60 env -u DISPLAY -u WAYLAND_DISPLAY "$root/bin/nianbao" --sample >/dev/null 2>"$dest/ld.log" || true
if grep -q "file=$root/$libdir/nianbao/nianbao-gui.so" "$dest/ld.log" && grep -q 'libgtk-4' "$dest/ld.log"; then
  echo "installed window module loaded: $libdir/nianbao/nianbao-gui.so"
else
  grep -v '^ *[0-9]*:' "$dest/ld.log"
  echo "FAIL: the installed nianbao did not load its window module"; status=1
fi

# The MIME type: a private database from the installed package file only.
XDG_DATA_HOME=$dest/xdg-home XDG_DATA_DIRS=$root/share
export XDG_DATA_HOME XDG_DATA_DIRS
mkdir -p "$XDG_DATA_HOME"
update-mime-database "$root/share/mime" ||  { echo "FAIL: update-mime-database"; status=1; }
cp "$src/data/samples/sample-2022.nianbao" "$dest/report.nianbao"
type=$(gio info -a standard::content-type "$dest/report.nianbao" | sed -n 's/^ *standard::content-type: //p')
[ "$type" = application/x-nianbao ] ||
  { echo "FAIL: GIO sees report.nianbao as “$type”, not application/x-nianbao"; status=1; }
echo "GIO content type of report.nianbao: $type"
grep -q 'io.github.nianbao.Nianbao-application-x-nianbao' "$root/share/mime/generic-icons" "$root/share/mime/icons" 2>/dev/null ||
  { echo "FAIL: the MIME database has no icon for application/x-nianbao"; status=1; }

[ $status -eq 0 ] && echo "install tree, binary and MIME type: ok"
exit $status
