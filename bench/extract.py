#!/usr/bin/env python3
"""Benchmark of chidao's extraction: throughput, peak memory, a reference tokeniser, scaling.

    .venv/bin/python bench/extract.py                    # everything (about a minute or two)
    .venv/bin/python bench/extract.py --seconds 10       # longer throughput runs
    .venv/bin/python bench/extract.py --scales 1,10      # smaller scaling runs
    .venv/bin/python bench/extract.py --skip-underthesea

Figures are printed, not asserted. Each phase runs in a child process of its own (the same
script with ``--phase``), so that its peak RSS is its own and not that of an earlier phase.
The corpus is the seed documents (``../shared/corpus/seeds/*.txt``, when present) and the
bundled examples, read with chidao's readers; reading is not timed, extraction is.
See bench/README.md for what the figures mean.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
EXAMPLES = ROOT / "examples"

TARGET_MB_S = 1.0
TARGET_VS_TOKENISER = 10.0
TARGET_RSS_MB = 150.0
TARGET_LINEAR = 1.5   # per-MB cost at the largest scale, relative to 1×, still called linear


# --- helpers used in the children ------------------------------------------------------------------

def _pin_one_core() -> int | None:
    """With ``--pin``: run on one CPU (the last one the process may use)."""
    if os.environ.get("CHIDAO_BENCH_PIN") != "1" or not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def _current_rss_mb() -> float:
    try:
        import psutil
        return psutil.Process().memory_info().rss / (1024 * 1024)
    except ImportError:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def load_corpus() -> list[tuple[str, str]]:
    from chidao.text.readers import read_document
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    paths += sorted(p for p in EXAMPLES.glob("*.*") if p.suffix in (".txt", ".docx", ".pdf", ".html"))
    return [(p.name, read_document(p)) for p in paths]


def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def _one_document(corpus, k: int) -> str:
    """All paragraphs of the corpus, one after another, k times: one long document."""
    paragraphs = [line for _, text in corpus for line in text.split("\n") if line.strip()]
    return "\n".join(paragraphs * k) + "\n"


def phase_throughput(seconds: float) -> dict:
    cpu = _pin_one_core()
    from chidao.extract.pipeline import extract
    corpus = load_corpus()
    rss_loaded = _current_rss_mb()
    mb = _mb(t for _, t in corpus)
    t0 = time.process_time()
    for name, text in corpus:       # cold pass: registry, lexicon and patterns are built here
        extract(text, source=name)
    cold = time.process_time() - t0
    per_doc = {name: 0.0 for name, _ in corpus}
    passes = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        for name, text in corpus:
            s = time.process_time()
            extract(text, source=name)
            per_doc[name] += time.process_time() - s
        passes += 1
        if time.process_time() - cpu0 >= seconds:
            break
    wall, cpu_s = time.perf_counter() - wall0, time.process_time() - cpu0
    sizes = {name: len(text.encode("utf-8")) / 1e6 for name, text in corpus}
    slowest = sorted((sizes[n] * passes / max(per_doc[n], 1e-9), n) for n in per_doc)[:3]
    return {"cpu": cpu, "docs": len(corpus), "seeds": sum(1 for n, _ in corpus if not (EXAMPLES / n).exists()),
            "mb": mb, "chars": sum(len(t) for _, t in corpus), "cold": cold, "passes": passes, "wall": wall,
            "cpu_s": cpu_s, "rss_loaded": rss_loaded, "rss_peak": _peak_rss_mb(),
            "slowest": [(n, r) for r, n in slowest]}


def phase_underthesea(seconds: float) -> dict:
    cpu = _pin_one_core()
    corpus = load_corpus()
    lines = [line for _, text in corpus for line in text.split("\n") if line.strip()]
    mb = _mb(lines)
    # no download at run time: offline flags, and any network connection refused outright
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    import socket

    def _no_network(*_a, **_k):
        raise OSError("network disabled by bench/extract.py")
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    try:
        from underthesea import word_tokenize
    except ImportError as exc:
        return {"missing": f"underthesea is not installed ({exc}); install it with: .venv/bin/pip install underthesea"}
    rss_loaded = _current_rss_mb()
    try:
        t0 = time.process_time()
        word_tokenize("Ủy ban nhân dân tỉnh giao Sở Tài chính rà soát.")  # loads the bundled CRF model
        load = time.process_time() - t0
    except Exception as exc:  # noqa: BLE001 - report, do not crash the benchmark
        return {"failed": f"word_tokenize did not run offline: {type(exc).__name__}: {exc}"}
    passes = words = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while True:
        for line in lines:
            words += len(word_tokenize(line))
        passes += 1
        if time.process_time() - cpu0 >= seconds:
            break
    import underthesea
    return {"cpu": cpu, "mb": mb, "load": load, "passes": passes, "words": words // passes,
            "wall": time.perf_counter() - wall0, "cpu_s": time.process_time() - cpu0,
            "rss_loaded": rss_loaded, "rss_peak": _peak_rss_mb(), "version": getattr(underthesea, "__version__", "?")}


def phase_scale(kind: str, k: int, min_seconds: float) -> dict:
    _pin_one_core()
    from chidao.extract.pipeline import extract
    corpus = load_corpus()
    for name, text in corpus:   # warm: the build of patterns and registry is not part of scaling
        extract(text, source=name)
    if kind == "single":
        docs = [("all.txt", _one_document(corpus, k))]
    else:
        docs = [(name, text) for _ in range(k) for name, text in corpus]
    mb = _mb(t for _, t in docs)
    best = best_cpu = float("inf")
    runs = 0
    spent = 0.0
    while runs == 0 or spent < min_seconds:   # short steps are repeated; the best run counts
        tasks = refs = 0
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for name, text in docs:
            r = extract(text, source=name)
            tasks += len(r.tasks)
            refs += len(r.references)
        wall, cpu_s = time.perf_counter() - wall0, time.process_time() - cpu0
        best, best_cpu = min(best, wall), min(best_cpu, cpu_s)
        spent += cpu_s
        runs += 1
    return {"k": k, "docs": len(docs), "mb": mb, "wall": best, "cpu_s": best_cpu, "runs": runs,
            "tasks": tasks, "refs": refs, "rss_peak": _peak_rss_mb()}


# --- the parent: run the phases, print the report --------------------------------------------------

def _child(args: list[str], timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False)
    except subprocess.TimeoutExpired:
        return {"failed": f"no result within {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"failed": f"exit {proc.returncode}: {tail}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISS"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=5.0, help="minimum timed work per throughput run (default 5)")
    ap.add_argument("--scales", default="1,10,100", help="corpus multiples for the scaling runs (default 1,10,100)")
    ap.add_argument("--max-step-seconds", type=float, default=300.0,
                    help="skip a scaling step whose projected time exceeds this (default 300)")
    ap.add_argument("--min-step-seconds", type=float, default=3.0,
                    help="repeat a scaling step until this much time is spent, keep the best run (default 3)")
    ap.add_argument("--pin", action="store_true", help="pin each phase to one CPU (on an idle machine)")
    ap.add_argument("--skip-underthesea", action="store_true")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--kind", help=argparse.SUPPRESS)
    ap.add_argument("--k", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a.pin:
        os.environ["CHIDAO_BENCH_PIN"] = "1"
    if a.phase:
        result = {"throughput": lambda: phase_throughput(a.seconds),
                  "underthesea": lambda: phase_underthesea(a.seconds),
                  "scale": lambda: phase_scale(a.kind, a.k, a.min_step_seconds)}[a.phase]()
        print(json.dumps(result))
        return 0

    print(f"chidao extraction benchmark — Python {platform.python_version()}, {_cpu_model()}, "
          f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; times are CPU time of a "
          f"single-threaded process{' pinned to one CPU' if a.pin else ''}")
    if not SEEDS.is_dir():
        print(f"  note: {SEEDS} not found; the corpus is the bundled examples only")

    t = _child(["--phase", "throughput", "--seconds", str(a.seconds)], timeout=a.seconds * 20 + 120)
    if "failed" in t:
        print(f"[1] throughput: FAILED ({t['failed']})")
        return 1
    mb_s = t["mb"] * t["passes"] / t["cpu_s"]
    print(f"\ncorpus: {t['docs']} documents ({t['seeds']} seeds, {t['docs'] - t['seeds']} examples), "
          f"{t['mb']:.3f} MB of UTF-8 text, {t['chars']:,} characters")
    print("\n[1] throughput of the full extraction (layout, citations, bodies, tasks, deadlines), one core")
    print(f"    cold first pass   {t['cold']:.2f} s CPU for the corpus (builds registry and patterns)")
    print(f"    steady state      {t['passes']} passes, {t['mb'] * t['passes']:.2f} MB in {t['cpu_s']:.2f} s CPU "
          f"({t['wall']:.2f} s wall; {t['mb'] * t['passes'] / t['wall']:.3f} MB/s by the wall clock)")
    print(f"                      {mb_s:.3f} MB/s, {t['docs'] * t['passes'] / t['cpu_s']:.1f} documents/s, "
          f"{1000 * t['cpu_s'] / (t['docs'] * t['passes']):.1f} ms per document   "
          f"[target ≥ {TARGET_MB_S} MB/s: {_verdict(mb_s >= TARGET_MB_S)}]")
    print("    slowest per MB    " + "; ".join(f"{n} {r:.3f} MB/s" for n, r in t["slowest"]))

    print("\n[2] memory of the extraction process")
    print(f"    RSS with chidao imported and the corpus loaded  {t['rss_loaded']:.1f} MB")
    print(f"    peak RSS over the throughput runs              {t['rss_peak']:.1f} MB   "
          f"[target < {TARGET_RSS_MB:.0f} MB: {_verdict(t['rss_peak'] < TARGET_RSS_MB)}]")

    print("\n[3] reference point: underthesea word_tokenize on the same text, line by line, network disabled")
    if a.skip_underthesea:
        print("    skipped (--skip-underthesea)")
    else:
        u = _child(["--phase", "underthesea", "--seconds", str(a.seconds)], timeout=a.seconds * 40 + 300)
        if "missing" in u:
            print(f"    UNDERTHESEA MISSING: {u['missing']}")
            print("    (chidao's figures above stand on their own)")
        elif "failed" in u:
            print(f"    underthesea FAILED: {u['failed']}")
        else:
            u_mb_s = u["mb"] * u["passes"] / u["cpu_s"]
            ratio = mb_s / u_mb_s
            print(f"    underthesea {u['version']}: model load {u['load']:.2f} s CPU, {u['passes']} passes, "
                  f"{u['words']:,} words a pass, {u['cpu_s']:.2f} s CPU ({u['wall']:.2f} s wall)")
            print(f"                      {u_mb_s:.3f} MB/s, peak RSS {u['rss_peak']:.1f} MB")
            print(f"    chidao / underthesea tokenisation = {ratio:.2f}×   "
                  f"[target ≥ {TARGET_VS_TOKENISER:.0f}×: {_verdict(ratio >= TARGET_VS_TOKENISER)}]")

    if a.skip_scaling:
        return 0
    scales = sorted({int(x) for x in a.scales.split(",") if x.strip()})
    print("\n[4] scaling (cost relative to 1×; per-MB cost 1.00 = linear)")
    for kind, label in (("many", "the corpus as many documents"), ("single", "one document of all paragraphs")):
        print(f"    {label}:")
        base = last = None
        for k in scales:
            if last is not None:
                growth = (last["cpu_s"] / last["mb"]) / (base["cpu_s"] / base["mb"])
                # linear so far: scale linearly; superlinear: assume quadratic from here on
                projected = last["cpu_s"] * (k / last["k"]) ** (2 if growth > 1.2 else 1)
                if projected > a.max_step_seconds:
                    print(f"      {k:>4}×  skipped: projected ≥ {projected:.0f} s CPU > --max-step-seconds "
                          f"{a.max_step_seconds:.0f} (raise it to measure this step)")
                    continue
            else:
                projected = 60.0
            r = _child(["--phase", "scale", "--kind", kind, "--k", str(k), "--min-step-seconds",
                        str(a.min_step_seconds)], timeout=max(120.0, projected * 4 + a.min_step_seconds * 3))
            if "failed" in r:
                print(f"      {k:>4}×  FAILED ({r['failed']})")
                break
            base = base or r
            rel_size, rel_time = r["mb"] / base["mb"], r["cpu_s"] / base["cpu_s"]
            per_mb = rel_time / rel_size
            print(f"      {k:>4}×  {r['mb']:8.2f} MB  {r['docs']:6} docs  {r['cpu_s']:8.2f} s CPU  "
                  f"time ×{rel_time:7.2f} for size ×{rel_size:6.1f}  per-MB cost {per_mb:5.2f}  "
                  f"{r['mb'] / r['cpu_s']:.3f} MB/s  peak RSS {r['rss_peak']:.0f} MB  "
                  f"({r['tasks']} tasks, best of {r['runs']})")
            last = r
        if base is not None and last is not None and last is not base:
            per_mb = (last["cpu_s"] / last["mb"]) / (base["cpu_s"] / base["mb"])
            print(f"      linear? per-MB cost at {last['k']}× is {per_mb:.2f} of 1×   "
                  f"[target ≤ {TARGET_LINEAR}: {_verdict(per_mb <= TARGET_LINEAR)}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
