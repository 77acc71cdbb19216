"""The alignment review page as a reader gets it: rendered by headless Chromium from build/alignment.html."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import html

from tm.commands.build import LOW_CONFIDENCE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (Debian package chromium; .ci/run "
                                                          "installs it as root)")


def render(tmp_path, page, *extra):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=True, cwd=tmp_path)


def test_chromium_shows_every_unit_side_by_side_with_flags_and_summary(tmp_path, built):
    dom = html.fromstring(render(tmp_path, built.out / "alignment.html", "--dump-dom").stdout)
    units = built.all_units()
    assert [h.text_content() for h in dom.xpath("//section[1]//thead/tr/th")][2:6] == [
        "English", "Eesti", "Latviešu", "Lietuvių"]
    assert len(dom.xpath("//tbody/tr")) == len(units)
    flagged = [u for u in units if (u.score or 0) < LOW_CONFIDENCE or len(u.variants) < 4]
    assert len(dom.xpath("//tbody/tr[not(contains(@class, 'ok'))]")) == len(flagged)
    cards = [c.text_content() for c in dom.xpath("//div[contains(@class, 'card')]")]
    assert cards[:2] == ["2documents", f"{len(units)}units"]
    assert dom.xpath("//input[@id='flagged']")


def test_chromium_paints_the_page(tmp_path, built):
    shot = tmp_path / "page.png"
    render(tmp_path, built.out / "alignment.html", f"--screenshot={shot}", "--window-size=1400,1000")
    from PIL import Image

    with Image.open(shot) as image:
        pixels = image.convert("RGB")
        header = pixels.getpixel((700, 20))
        colours = pixels.getcolors(maxcolors=1 << 20) or []
    assert header == (0x1F, 0x3A, 0x5F)  # the page's dark-blue header band is painted across the top
    assert len(colours) > 50  # and text, tables and highlights below it, not a blank canvas
