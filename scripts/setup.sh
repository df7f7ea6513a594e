#!/usr/bin/env bash
# Idempotent set-up shared by scripts/run.sh and scripts/test.sh: apt packages, .venv, the project.
# Usage: scripts/setup.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

sudo_cmd=""
if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi

need_apt=()
if ! command -v python3 >/dev/null 2>&1; then
  need_apt+=(python3 python3-venv)
elif [ ! -x .venv/bin/python ] && ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  need_apt+=(python3-venv)
fi
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
if [ "$mode" = "test" ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
  # PDF exports (申报书, 推荐汇总表) go through LibreOffice headless; the tests read PDFs with poppler.
  command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui libreoffice-calc-nogui)
  command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  echo "==> apt-get install ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

python_bin="$(command -v python3.11 || command -v python3)"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$python_bin" -m venv .venv
fi
stamp=".venv/.zhongshi-$mode-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing zhongshi and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  if [ "$mode" = "test" ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  touch "$stamp"
fi
# Compile the interface's translations (Chinese is the default language).
( cd src/zhongshi && ../../.venv/bin/django-admin compilemessages -v 0 --ignore=.venv 2>/dev/null ) || \
  ( cd src/zhongshi && for po in locale/*/LC_MESSAGES/django.po; do msgfmt -o "${po%.po}.mo" "$po"; done )
