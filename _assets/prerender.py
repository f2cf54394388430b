"""Quarto pre-render hook: validate the data first, so a broken export never yields a report;
then write the data notices (banner, PDF running notice) in the words that fit the data.

Quarto reads the notices' paths when it starts, before this hook: a notice missing then is left
out of every page. So when this hook has to write one for the first time it stops the render and
asks for another (``make report`` writes them at set-up, before Quarto starts).

A render of single files of one edition right after a whole render of the other is stopped too:
it would take its references to other chapters from the other edition's index
(:func:`rrall.site.edition_guard`)."""

import os
import sys
from pathlib import Path

from rrall.__main__ import main
from rrall.labels import current_lang
from rrall.site import edition_guard, ensure_notices

if __name__ == "__main__":
    status = main(["validate"])
    if status == 0 and ensure_notices():
        print(
            "The data notices were not there when Quarto started, so no page would carry them; "
            "they are written now: run the render again (make report writes them first).\n"
            "데이터 안내문이 Quarto 시작 시점에 없어 어느 쪽에도 실리지 않았을 것입니다. "
            "이제 작성했으니 다시 렌더링하십시오(make report는 먼저 작성합니다).",
            file=sys.stderr,
        )
        status = 1
    if status == 0:
        render_all = os.environ.get("QUARTO_PROJECT_RENDER_ALL") == "1"
        refused = edition_guard(Path.cwd(), current_lang(), render_all=render_all)
        if refused is not None:
            print(refused, file=sys.stderr)
            status = 1
    sys.exit(status)
