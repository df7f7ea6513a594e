"""PDF from an office document (.docx, .xlsx) through LibreOffice headless (DESIGN.md "Documents").

``convert_to_pdf(data, suffix=".docx")`` writes the document to a private temporary directory, runs
``soffice --headless --convert-to pdf`` there with its own LibreOffice profile (so that parallel
conversions do not collide on the user's profile lock) and returns the PDF's bytes.
``settings.ZHONGSHI_SOFFICE`` names the program ("soffice" on PATH by default; empty = not available);
without it ``PdfUnavailable`` tells the user to install LibreOffice or export the .docx instead.

Where the Chinese fonts the documents name (仿宋, 黑体, 宋体, 楷体) are not installed, a private fontconfig file
maps them to the Noto CJK fonts (fonts-noto-cjk), so the PDF keeps a serif body and sans-serif headings;
installed fonts of those names still win.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

UNAVAILABLE_MESSAGE = "未安装 LibreOffice，无法导出 PDF；请安装 libreoffice-writer 后重试，或导出 .docx"
SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")
# Font names used by the exports → installed look-alikes, tried in order after the name itself.
FONT_FALLBACKS = {
    "仿宋": ("FangSong", "仿宋_GB2312", "Noto Serif CJK SC", "serif"),
    "FangSong": ("仿宋", "Noto Serif CJK SC", "serif"),
    "宋体": ("SimSun", "Noto Serif CJK SC", "serif"),
    "楷体": ("KaiTi", "楷体_GB2312", "Noto Serif CJK SC", "serif"),
    "黑体": ("SimHei", "Noto Sans CJK SC", "sans-serif"),
}


class PdfUnavailable(RuntimeError):  # noqa: N818 - the name callers catch (views, export-application)
    """LibreOffice is not installed (or switched off with ZHONGSHI_SOFFICE=""): no PDF export."""

    def __init__(self, message: str = UNAVAILABLE_MESSAGE) -> None:
        super().__init__(message)


def soffice_path() -> str | None:
    """The LibreOffice program to run, or None when it is not installed or switched off."""
    configured = getattr(settings, "ZHONGSHI_SOFFICE", "soffice")
    if not configured:
        return None
    return shutil.which(str(configured))


def _fontconfig(directory: Path) -> Path | None:
    """A fontconfig file that includes the system's and adds the CJK font fallbacks; None without fontconfig."""
    if not SYSTEM_FONTCONFIG.exists():
        return None
    aliases = "".join(
        f'<alias binding="same"><family>{name}</family><accept>'
        + "".join(f"<family>{fallback}</family>" for fallback in fallbacks)
        + "</accept></alias>"
        for name, fallbacks in FONT_FALLBACKS.items()
    )
    path = directory / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">{SYSTEM_FONTCONFIG}</include>{aliases}</fontconfig>\n',
        encoding="utf-8",
    )
    return path


def convert_to_pdf(data: bytes, *, suffix: str = ".docx", timeout: int = 120) -> bytes:
    """``data`` (a document of type ``suffix``: .docx, .xlsx, …) converted to PDF by LibreOffice.

    Raises ``PdfUnavailable`` when LibreOffice is not installed and ``RuntimeError`` (with LibreOffice's
    messages) when the conversion fails or takes longer than ``timeout`` seconds.
    """
    program = soffice_path()
    if program is None:
        raise PdfUnavailable
    with tempfile.TemporaryDirectory(prefix="zhongshi-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        env = dict(os.environ)
        fonts = _fontconfig(work)
        if fonts is not None:
            env["FONTCONFIG_FILE"] = str(fonts)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ]
        try:
            # A session of its own, so that a hung conversion is stopped with all the processes it started.
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env, start_new_session=True
            )
        except OSError as exc:
            raise PdfUnavailable from exc
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise RuntimeError(f"LibreOffice 转换 PDF 超时（{timeout} 秒）") from exc
        pdf = outdir / f"{source.stem}.pdf"
        if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
            messages = (stderr or stdout).decode("utf-8", "replace").strip()
            raise RuntimeError(f"LibreOffice 转换 PDF 失败（退出码 {process.returncode}）：{messages}")
        return pdf.read_bytes()
