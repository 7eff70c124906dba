# Shared by the scripts: make sure .venv exists with the pinned requirements.
# Re-installs only when a requirements file changed (a stamp holds their hash).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv"
PY="$venv/bin/python"
req_files=("$root/requirements.txt")
[ "${GONGSHI_TEST_DEPS:-0}" = 1 ] && req_files+=("$root/requirements-test.txt")
stamp_want="$(cat "${req_files[@]}" | sha256sum | cut -c1-16)"
stamp_file="$venv/.gongshi-stamp-${GONGSHI_TEST_DEPS:-0}"
if [ ! -x "$PY" ]; then
  echo "正在创建 Python 虚拟环境 .venv ..." >&2
  python3 -m venv "$venv"
fi
if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp_want" ]; then
  echo "正在安装依赖（固定版本，见 requirements*.txt）..." >&2
  "$PY" -m pip install --quiet --disable-pip-version-check $(printf -- '-r %s ' "${req_files[@]}")
  echo "$stamp_want" > "$stamp_file"
fi
export PYTHONPATH="$root/hooks${PYTHONPATH:+:$PYTHONPATH}"
export NO_MKDOCS_2_WARNING=1
cd "$root"
