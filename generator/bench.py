"""Benchmark: ``python -m generator.bench [--sizes 1,10] [--corpus DIR] [--json]``.

For the seed corpus and for synthetic corpora of N times the seed statutes (every source
file, statute, document and annotation file repeated under new ids), and with ``--corpus
DIR`` for a library made from every statute in DIR (``add DIR`` in a temporary project,
e.g. ``../shared/corpus/lawrefbook-national``), it measures in a fresh interpreter per size,
through ``build_site`` exactly as ``statute-site build`` runs:

* a cold build: the generator's seconds (load + render + write the docs + post-build check
  + publish) and MkDocs's; the peak memory of the build (and per article);
* a warm build after editing one annotation: the same two figures (only the changed pages
  are rendered again, :mod:`generator.site.incremental`);
* the median and largest article page (bytes);
* ``statute-site serve``'s preview latency: from saving another edit to the preview
  serving the updated page (the edited page alone first, :mod:`generator.site.quick_preview`),
  and to the whole preview rebuilt; then the same after a correction of the statute's raw
  source (one character, its new SHA-256 in the manifest) (``--no-preview`` skips these).

``--repeat N`` measures each multiple of the seeds N times and reports the medians (with
the range of the two shares): on a shared machine one run at 1x moves by a few points.

Targets (printed with the table): the generator is under a quarter of a cold build at
every size; a warm build costs under 10% of a cold one; the cold build time per article
stays flat (linear); the preview shows an edit (annotation or source) within 2 s.  ``--json`` prints the figures
as a JSON list (one object per size) so runs can be compared.

``--paragraph-mb 0.25,0.5,1,2`` times linking one commentary paragraph of that many
megabytes (the seed report with the whole statute attached, repeated: every trigram of it
occurs in the statute, the worst case for linking).  Target: the time per megabyte stays
flat (linear) and a 1 MB paragraph links in under 10 s.

``--search CORPUS`` (e.g. ``../shared/corpus/lawrefbook-national``) instead measures the site
search at library scale: the index built from every statute of a Markdown corpus (articles
read simply: a line starting 第…条 opens an article, the lines after it are its paragraphs)
and, for a set of queries, the bytes the results page downloads (see :func:`search_bytes`).
Target: under 1 MB for every query.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.bench_preview import edit_annotation, preview_latency
from generator.bench_search import bench_concordance, search_bench

REPO = Path(__file__).resolve().parent.parent


def _copy_base(dest: Path) -> Path:
    for name in ("source", "annotations", "site_config"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "generator").symlink_to(REPO / "generator", target_is_directory=True)
    return dest


class _NoAliases(yaml.SafeDumper):
    """The manifest refuses YAML anchors and aliases: repeated values are written out."""

    def ignore_aliases(self, data) -> bool:
        return True


def make_corpus(dest: Path, times: int) -> Path:
    """The project with every statute, document and source repeated ``times`` times."""
    root = _copy_base(dest)
    if times == 1:
        return root
    manifest_path = root / "source" / "manifest.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    statutes, documents, sources = dict(manifest["statutes"]), dict(manifest["documents"]), list(manifest["sources"])
    for i in range(2, times + 1):
        sfx = f"-x{i}"
        for sid, spec in manifest["statutes"].items():
            spec = dict(spec)
            if "paragraph_guide" in spec:
                file, _, part = spec["paragraph_guide"].partition("#")
                spec["paragraph_guide"] = f"{Path(file).stem}{sfx}.txt#{part}"
            statutes[sid + sfx] = spec
        for did, spec in manifest["documents"].items():
            spec = dict(spec)
            if "statute" in spec:
                spec["statute"] += sfx
            documents[did + sfx] = spec
        for src in manifest["sources"]:
            src = json.loads(json.dumps(src, default=str))
            name = f"{Path(src['file']).stem}{sfx}.txt"
            shutil.copy(root / "source" / src["file"], root / "source" / name)
            src["file"] = name
            for part in src["parts"]:
                for key in ("statute", "document"):
                    if key in part:
                        part[key] += sfx
            sources.append(src)
        for sid in manifest["statutes"]:
            folder = root / "annotations" / sid
            if not folder.exists():
                continue
            target = root / "annotations" / (sid + sfx)
            target.mkdir()
            for path in folder.glob("*.yaml"):
                text = path.read_text(encoding="utf-8")
                for other in manifest["statutes"]:
                    text = re.sub(rf"(statute: |target: ){re.escape(other)}\b", rf"\g<1>{other}{sfx}", text)
                for did in manifest["documents"]:
                    text = text.replace(f"document: {did}\n", f"document: {did}{sfx}\n")
                (target / path.name).write_text(text, encoding="utf-8")
    manifest_path.write_text(yaml.dump({"statutes": statutes, "documents": documents, "sources": sources},
                                       Dumper=_NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_rss_mb() -> float:
    """The largest peak of a process the builds forked (the search index's, the page check's)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


GENERATOR_STEPS = ("load", "render", "write", "index", "audit", "publish")


def _split(report) -> tuple[float, float]:
    """(generator seconds, MkDocs seconds) of a build: the generator is everything but MkDocs
    (loading, rendering, writing the docs, the search index's files, the post-build check,
    publishing).  The search index is made in a second process while MkDocs runs
    (:mod:`generator.site.later_files`): what counts is the wait for it after MkDocs and the
    writing of its files; its own time beside MkDocs is reported as ``index_beside_s``."""
    return sum(report.timings[k] for k in GENERATOR_STEPS), report.timings["mkdocs"]


def _page_sizes(site: Path) -> list[int]:
    return sorted(p.stat().st_size for p in site.glob("*/article-*/index.html"))


def run_one(root: Path, preview: bool = True) -> dict:
    """One size, measured inside this (fresh) interpreter: a cold build, a warm build after
    one annotation edit, and the live preview's latency after another."""
    t0 = time.perf_counter()
    # Imports are reported on their own (import_s), including the modules the stages
    # import lazily, so the generator's time is the work it does on the corpus.
    import importlib
    from generator.pipeline import load_project
    from generator.site.build import build_site
    for module in ("generator.documents", "generator.linking", "generator.render.commentary",
                   "generator.render.safe_markdown", "generator.english.choice", "bs4", "markdown", "nh3",
                   "jsonschema", "multiprocessing", "mkdocs.commands.build", "material"):
        importlib.import_module(module)
    import_s = time.perf_counter() - t0
    base_rss = _rss_mb()
    cold = build_site(root)
    peak = _rss_mb() - base_rss
    gen_cold, mk_cold = _split(cold)
    page = edit_annotation(root, "shall be undertaken", "shall be carried out")
    warm = build_site(root)
    gen_warm, mk_warm = _split(warm)
    articles = sum(len(s.articles) for s in load_project(root, use_cache=True).statutes.values())
    sizes = _page_sizes(root / "site")
    out = {"articles": articles, "pages": cold.pages, "import_s": round(import_s, 3),
           "gen_cold_s": round(gen_cold, 3), "mkdocs_cold_s": round(mk_cold, 3),
           "cold_steps_s": {k: round(v, 3) for k, v in cold.timings.items()},
           "index_beside_s": round(cold.later_seconds, 3), "peak_child_mb": round(_child_rss_mb(), 1),
           "gen_warm_s": round(gen_warm, 3), "mkdocs_warm_s": round(mk_warm, 3), "warm": warm.warm,
           "warm_steps_s": {k: round(v, 3) for k, v in warm.timings.items()},
           "docs_rewritten_warm": warm.pages_written, "peak_mb": round(peak, 1),
           "peak_kb_per_article": round(1024 * peak / articles, 1),
           "article_page_bytes_median": sizes[len(sizes) // 2], "article_page_bytes_max": sizes[-1]}
    if preview:
        out.update(preview_latency(root, page, "shall be carried out", "shall be done"))
    return out


def paragraph_bench(sizes_mb: list[float]) -> int:
    from generator.linking.link import StatuteLinker
    from generator.pipeline import load_sources
    statute = load_sources(REPO).statutes["shenzhen-ai-2022"]
    linker = StatuteLinker(statute)
    base = (REPO / "source" / "002_471ca8fd11cb6557.txt").read_text(encoding="utf-8").replace("\n", "")
    rows = []
    for mb in sizes_mb:
        size = int(mb * 1024 * 1024)
        text = (base * (size // len(base.encode("utf-8")) + 1)).encode("utf-8")[:size].decode("utf-8", "ignore")
        t = time.perf_counter()
        result = linker.link_text(text)
        elapsed = time.perf_counter() - t
        rows.append((mb, elapsed))
        print(f"{mb:>5} MB paragraph: {elapsed:6.2f}s ({elapsed / mb:5.2f} s/MB), {len(result.links)} links", flush=True)
    per_mb = [e / mb for mb, e in rows]
    one = [e for mb, e in rows if mb == 1]
    print(f"time per MB within 2x across sizes (linear): {'yes' if max(per_mb) < 2 * min(per_mb) else 'NO'}")
    if one:
        print(f"1 MB paragraph under 10 s: {'yes' if one[0] < 10 else 'NO'} ({one[0]:.2f}s)")
    return 0


def make_library(dest: Path, corpus: Path) -> Path:
    """The seed project plus every statute of ``corpus`` that ``add`` accepts (``add DIR``:
    files it cannot read as statutes are reported and left out, as for an editor)."""
    root = _copy_base(dest)
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "add", str(corpus)],
                         capture_output=True, text=True, cwd=REPO)
    skipped = re.search(r"(\d+) file\(s\) not added", out.stderr)
    print(f"library: add {corpus}: {skipped.group(1) if skipped else 0} file(s) not added "
          f"(not statutes, or unreadable: see `add`)", file=sys.stderr, flush=True)
    return root


COLUMNS = [("size", "{:>7}", "size"), ("articles", "{:>8}", "articles"), ("pages", "{:>6}", "pages"),
           ("gen cold", "{:>8.1f}", "gen_cold_s"), ("mkdocs", "{:>7.1f}", "mkdocs_cold_s"),
           ("gen %", "{:>5.0%}", "gen_share"), ("gen warm", "{:>8.2f}", "gen_warm_s"),
           ("mkdocs", "{:>7.2f}", "mkdocs_warm_s"), ("warm %", "{:>6.1%}", "warm_share"),
           ("preview", "{:>7.2f}", "preview_latency_s"), ("whole", "{:>6.2f}", "preview_whole_s"),
           ("source", "{:>6.2f}", "preview_source_s"), ("whole", "{:>6.2f}", "preview_source_whole_s"), ("peak MB", "{:>7.0f}", "peak_mb"),
           ("KB/art", "{:>6.1f}", "peak_kb_per_article"), ("page KB med", "{:>11.1f}", "page_kb_median"),
           ("max", "{:>6.1f}", "page_kb_max")]


def _derived(r: dict) -> dict:
    cold, warm = r["gen_cold_s"] + r["mkdocs_cold_s"], r["gen_warm_s"] + r["mkdocs_warm_s"]
    return {**r, "gen_share": r["gen_cold_s"] / cold, "warm_share": warm / cold,
            "cold_ms_per_article": 1000 * cold / r["articles"],
            "page_kb_median": r["article_page_bytes_median"] / 1024, "page_kb_max": r["article_page_bytes_max"] / 1024}


def _median(values: list):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def combine(runs: list[dict]) -> dict:
    """Several runs of one size as one row: every figure (and every step's time) the median
    of the runs, the shares computed per run first; ``runs`` and the range of the two shares
    say how much the runs differed."""
    if len(runs) == 1:
        return runs[0]
    out: dict = {}
    for key, value in runs[0].items():
        if isinstance(value, bool) or not isinstance(value, (int, float, dict)):
            out[key] = value
        elif isinstance(value, dict):
            out[key] = {k: round(_median([r[key][k] for r in runs if k in r.get(key, {})]), 3) for k in value}
        else:
            out[key] = _median([r[key] for r in runs if key in r])
    out["runs"] = len(runs)
    for key in ("gen_share", "warm_share"):
        out[f"{key}_range"] = [round(min(r[key] for r in runs), 4), round(max(r[key] for r in runs), 4)]
    return out


def _row(r: dict) -> str:
    return " ".join(fmt.format(r[key]) if key in r else f"{'-':>{len(head)}}" for head, fmt, key in COLUMNS)


def _verdicts(rows: list[dict]) -> list[str]:
    first = rows[0]
    lines = [
        f"generator < 25% of the cold build at every size: {'yes' if all(r['gen_share'] < 0.25 for r in rows) else 'NO'}",
        f"warm build (one annotation edit) < 10% of a cold build at every size: "
        f"{'yes' if all(r['warm_share'] < 0.10 for r in rows) else 'NO'}",
        "cold build time per article: " + ", ".join(f"{r['size']} {r['cold_ms_per_article']:.1f} ms" for r in rows)
        + f" (linear: {'yes' if all(r['cold_ms_per_article'] <= 1.25 * first['cold_ms_per_article'] for r in rows) else 'NO'})",
        "article page at each size vs 1x (median): " + ", ".join(
            f"{r['size']} {r['page_kb_median'] / first['page_kb_median']:.2f}x" for r in rows)]
    for what, key, whole in (("an annotation edit", "preview_latency_s", "preview_whole_s"),
                             ("a source correction", "preview_source_s", "preview_source_whole_s")):
        if all(key in r for r in rows):
            lines.append(f"serve shows {what} within 2 s at every size: "
                         f"{'yes' if all(r[key] < 2 for r in rows) else 'NO'} "
                         "(the edited page; the whole preview rebuilt: "
                         + ", ".join(f"{r['size']} {r.get(whole, 0):.1f} s" for r in rows) + ")")
    return lines


def _measure(root: Path, preview: bool) -> dict | None:
    args = [sys.executable, "-m", "generator.bench", "--run", str(root)] + ([] if preview else ["--no-preview"])
    out = subprocess.run(args, capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="corpus sizes as multiples of the seeds (default 1,10)")
    parser.add_argument("--corpus", metavar="DIR", type=Path,
                        help="also measure a library made from every statute in DIR (`add DIR`), e.g. "
                             "../shared/corpus/lawrefbook-national; long (tens of minutes)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (one object per size)")
    parser.add_argument("--no-preview", action="store_true", help="skip the live preview's latency")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="measure each multiple of the seeds N times (each in a fresh project and "
                             "interpreter) and report the medians (default 1; the corpus is measured once)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--paragraph-mb", help="time linking one paragraph of these sizes in MB (e.g. 0.25,0.5,1,2)")
    parser.add_argument("--search", metavar="CORPUS", type=Path,
                        help="measure the search index on a Markdown corpus (bytes per query) instead")
    parser.add_argument("--concordance", metavar="CORPUS",
                        help="instead: time the article concordance of every dated version pair under CORPUS")
    args = parser.parse_args(argv)
    if args.paragraph_mb:
        return paragraph_bench([float(x) for x in args.paragraph_mb.split(",")])
    if args.search:
        return search_bench(args.search)
    if args.concordance:
        return bench_concordance(Path(args.concordance))
    if args.run:
        print(json.dumps(run_one(Path(args.run), preview=not args.no_preview)))
        return 0
    sizes: list[tuple[str, object]] = [(f"{n}x", n) for n in args.sizes.split(",") if n]
    if args.corpus:
        sizes.append(("corpus", args.corpus))
    rows = []
    if not args.json:
        print(" ".join(f"{head:>{_width(fmt, head)}}" for head, fmt, _ in COLUMNS), flush=True)
    for label, what in sizes:
        runs = []
        for _ in range(1 if isinstance(what, Path) else max(args.repeat, 1)):
            with tempfile.TemporaryDirectory(prefix=f"statute-bench-{label}-") as tmp:
                root = (make_library(Path(tmp) / "project", what) if isinstance(what, Path)
                        else make_corpus(Path(tmp) / "project", int(what)))
                r = _measure(root, not args.no_preview)
            if r is None:
                return 1
            runs.append(_derived({"size": label, **r}))
        r = combine(runs)
        rows.append(r)
        if args.json:
            print(f"{label}: done", file=sys.stderr, flush=True)
        else:
            print(_row(r), flush=True)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print()
        for line in _verdicts(rows):
            print(line)
        print(f"(import time excluded: {rows[0]['import_s']:.2f}s; generator = load + render + write docs + "
              f"post-build check + publish; page = a statute's article page)")
        for r in rows:
            if r.get("runs", 1) > 1:
                print(f"{r['size']}: median of {r['runs']} runs; generator share "
                      f"{r['gen_share_range'][0]:.1%}-{r['gen_share_range'][1]:.1%}, warm / cold "
                      f"{r['warm_share_range'][0]:.1%}-{r['warm_share_range'][1]:.1%}")
    return 0


def _width(fmt: str, head: str) -> int:
    return max(len(head), int(re.search(r">(\d+)", fmt).group(1)))


if __name__ == "__main__":
    sys.exit(main())
