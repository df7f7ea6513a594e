from __future__ import annotations

import io
import json
import shutil
import stat
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from openpyxl import Workbook

from zhongshi.applications.interfaces.export_docx import render_docx
from zhongshi.applications.interfaces.export_pdf import (
    UNAVAILABLE_MESSAGE,
    PdfUnavailable,
    convert_to_pdf,
    soffice_path,
)
from zhongshi.formversions.domain.formdef import load_form

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "hubei-2026-complete.json"


@pytest.fixture
def soffice():
    path = soffice_path()
    if path is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return path


def pdf_text(pdf: bytes) -> str | None:
    """The PDF's text without white space, or None without poppler-utils' pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return "".join(result.stdout.decode("utf-8").split())


def fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_the_example_application_converts_to_a_pdf_with_its_text(soffice):
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    pdf = convert_to_pdf(render_docx(load_form("hubei-2026"), answers))
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    if text is not None:
        assert answers["basic"]["platform_name"] in text
        assert "五、承诺声明" in text
        assert "☑是" in text


def pdf_pages(pdf: bytes) -> list[str] | None:
    """The text of each page without white space, or None without pdftotext."""
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return ["".join(page.split()) for page in result.stdout.decode("utf-8").split("\f")]


def test_the_printed_pdf_repeats_table_headers_and_carries_no_system_notes(soffice):
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    pages = pdf_pages(convert_to_pdf(render_docx(load_form("hubei-2026"), answers)))
    if pages is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    caption = "中试平台软硬件（装备、仪器、软件、配套公辅设施等）要素表"
    equipment = [n for n, page in enumerate(pages) if caption in page]
    # the example's six items run onto a second page, which starts with the caption and header again
    assert len(equipment) == 2 and equipment[1] == equipment[0] + 1
    assert all("其核心技术指标及在国" in pages[n] and "原值" in pages[n] for n in equipment)
    assert not [n for n, page in enumerate(pages) if "系统计算" in page]
    assert any("平台是否位于以下区域：" in page for page in pages)
    assert not [page for page in pages if "8,600万元" in page]  # 总投资（万元） 8,600: the unit once


def test_a_spreadsheet_converts_too_and_parallel_runs_do_not_collide(soffice):
    workbook = Workbook()
    workbook.active.append(["平台名称", "中试服务收入（万元）"])
    workbook.active.append(["高速光电子器件封装测试中试平台", 860])
    workbook.active.column_dimensions["A"].width = 40
    workbook.active.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda _n: convert_to_pdf(buffer.getvalue(), suffix=".xlsx"), range(2)))
    for pdf in pdfs:
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        if text is not None:
            assert "高速光电子器件封装测试中试平台" in text


def test_a_missing_program_raises_pdf_unavailable(settings):
    settings.ZHONGSHI_SOFFICE = "/nonexistent/libreoffice/program/soffice"
    assert soffice_path() is None
    with pytest.raises(PdfUnavailable) as raised:
        convert_to_pdf(b"PK")
    assert (
        str(raised.value)
        == UNAVAILABLE_MESSAGE
        == "未安装 LibreOffice，无法导出 PDF；请安装 libreoffice-writer 后重试，或导出 .docx"
    )
    assert isinstance(raised.value, RuntimeError)


def test_an_empty_setting_switches_pdf_off(settings):
    settings.ZHONGSHI_SOFFICE = ""
    assert soffice_path() is None
    with pytest.raises(PdfUnavailable):
        convert_to_pdf(b"PK")


def test_the_command_line_uses_a_private_profile_inside_the_temporary_directory(settings, tmp_path):
    args_file = tmp_path / "args"
    settings.ZHONGSHI_SOFFICE = fake_soffice(
        tmp_path,
        f"""printf '%s\\n' "$@" > {args_file}
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; fi
  last="$1"; shift
done
name=$(basename "$last")
printf '%%PDF-fake' > "$out/${{name%.*}}.pdf"
""",
    )
    assert convert_to_pdf(b"workbook", suffix=".xlsx") == b"%PDF-fake"
    args = args_file.read_text(encoding="utf-8").splitlines()
    source = Path(args[-1])
    assert source.name == "document.xlsx"
    workdir = source.parent
    assert not workdir.exists()  # the temporary directory is gone
    profile = [a for a in args if a.startswith("-env:UserInstallation=")]
    assert profile == [f"-env:UserInstallation={(workdir / 'profile').as_uri()}"]
    assert profile[0].startswith("-env:UserInstallation=file:///")
    for flag in ("--headless", "--norestore"):
        assert flag in args
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert Path(args[args.index("--outdir") + 1]).parent == workdir


def test_a_failed_conversion_raises_with_libreoffice_messages(settings, tmp_path):
    settings.ZHONGSHI_SOFFICE = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    with pytest.raises(RuntimeError, match="source file could not be loaded") as raised:
        convert_to_pdf(b"not a document")
    assert not isinstance(raised.value, PdfUnavailable)
    settings.ZHONGSHI_SOFFICE = fake_soffice(tmp_path, "echo 'Error: no export filter' >&2\nexit 0\n")
    with pytest.raises(RuntimeError, match="no export filter"):
        convert_to_pdf(b"not a document")


def test_a_hung_conversion_is_stopped_after_the_timeout(settings, tmp_path):
    settings.ZHONGSHI_SOFFICE = fake_soffice(tmp_path, "sleep 30 &\nsleep 30\n")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="超时"):
        convert_to_pdf(b"PK", timeout=1)
    assert time.monotonic() - started < 10
