"""``chidao eval``: the shared scorer (``../shared/eval/score.py``) run over gold annotations.

Documents that are not UTF-8 text (.docx, .pdf, legacy encodings) are read by chidao's own
readers; the scorer then sees their normalised text, so its quotes and our offsets agree.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _shared() -> Path | None:
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        cand = base.parent / "shared" / "eval" / "score.py"
        if cand.exists():
            return cand.parent.parent
    return None


def run_eval(gold: Path | None, docs: Path | None, verbose: bool = False) -> int:
    """Score; print the scorer's report; return its exit status (2 when no scorer is found)."""
    from chidao.extract.pipeline import extract
    from chidao.text.errors import ReadError
    from chidao.text.readers import read_document
    shared = _shared()
    if shared is None:
        print("chidao eval: ../shared/eval/score.py not found", file=sys.stderr)
        return 2
    gold = gold or shared / "eval" / "gold"
    docs = docs or shared / "corpus" / "seeds"
    with tempfile.TemporaryDirectory() as tmp:
        tdocs, tpred = Path(tmp, "docs"), Path(tmp, "pred")
        tdocs.mkdir()
        tpred.mkdir()
        for g in sorted(gold.glob("*.json")):
            src = json.loads(g.read_text("utf-8")).get("source") or g.stem
            try:
                text = read_document(docs / src)
            except ReadError as e:
                print(f"chidao eval: {e}", file=sys.stderr)
                return 2
            (tdocs / src).write_text(text, "utf-8")
            (tpred / f"{src}.json").write_text(json.dumps(extract(text, source=src).to_dict(), ensure_ascii=False),
                                               "utf-8")
        cmd = [sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold), "--docs", str(tdocs),
               "--pred", str(tpred)] + (["--verbose"] if verbose else [])
        return subprocess.run(cmd).returncode
