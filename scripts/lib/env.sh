# Shared by the scripts: make sure .venv exists with the package and its pinned dependencies
# (pyproject.toml) installed. Re-installs only when pyproject.toml changed (a stamp holds its hash).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv"
PY="$venv/bin/python"
extra=""
[ "${GONGSHI_TEST_DEPS:-0}" = 1 ] && extra="[test]"
stamp_want="$(sha256sum < "$root/pyproject.toml" | cut -c1-16)"
stamp_file="$venv/.gongshi-stamp-${GONGSHI_TEST_DEPS:-0}"
if [ ! -x "$PY" ]; then
  echo "正在创建 Python 虚拟环境 .venv ..." >&2
  python3 -m venv "$venv"
fi
if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp_want" ]; then
  echo "正在安装 gongshi 及其依赖（固定版本，见 pyproject.toml）..." >&2
  # Editable: the package in src/ is used as it is in the working tree.
  "$PY" -m pip install --quiet --disable-pip-version-check -e "$root$extra"
  echo "$stamp_want" > "$stamp_file"
fi
export NO_MKDOCS_2_WARNING=1
cd "$root"
