"""Benchmark: ``python -m generator.bench [--sizes 1,10,50]``.

For the seed corpus and for synthetic corpora of N times the seed statutes (every source
file, statute, document and annotation file repeated under new ids), it measures in a
fresh interpreter per size:

* a cold build: generator time (ingest + parse + reconcile + link + annotate + render +
  write) against MkDocs's own time, and the peak memory the generator added;
* a warm rebuild after editing one annotation: generator time, how many pages were
  rewritten, MkDocs time.

Targets (printed with the results): the generator costs less than a quarter of MkDocs's
time at every size; its time per article stays flat as the corpus grows (linear growth);
a warm rebuild rewrites only the pages the edit touched; peak memory per article stays flat.
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

from generator.versions.concordance import concordance
from generator.versions.read import dated_version_pairs, read_version

REPO = Path(__file__).resolve().parent.parent


def _copy_base(dest: Path) -> Path:
    for name in ("source", "annotations", "site_config"):
        shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "generator").symlink_to(REPO / "generator", target_is_directory=True)
    return dest


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
    manifest_path.write_text(yaml.safe_dump({"statutes": statutes, "documents": documents, "sources": sources},
                                            allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(root: Path) -> dict:
    """One size, measured inside this (fresh) interpreter."""
    t0 = time.perf_counter()
    # Imports are reported on their own (import_s), including the modules the stages
    # import lazily, so the generator's time is the work it does on the corpus.
    import importlib
    from generator.site.build import write_tree, run_mkdocs
    from generator.pipeline import load_project
    from generator.render.site import render_site
    for module in ("generator.documents", "generator.linking", "generator.render.commentary",
                   "generator.render.safe_markdown", "generator.english.choice", "bs4", "markdown", "nh3"):
        importlib.import_module(module)
    import_s = time.perf_counter() - t0
    base_rss = _rss_mb()

    def generate():
        t = time.perf_counter()
        project = load_project(root, use_cache=True)
        site = render_site(project)
        written = write_tree(root / "build" / "docs", site)
        return project, site, written, time.perf_counter() - t

    project, site, _, gen_cold = generate()
    gen_rss = _rss_mb() - base_rss
    articles = sum(len(s.articles) for s in project.statutes.values())
    t = time.perf_counter()
    run_mkdocs(project.paths, root / "build" / "docs", root / "site")
    mk_cold = time.perf_counter() - t

    # Warm: an editor changes one reviewed translation.
    target = next(iter(sorted((root / "annotations").rglob("article-65.yaml"))))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("shall be undertaken", "shall be carried out", 1), encoding="utf-8")
    _, _, written, gen_warm = generate()
    t = time.perf_counter()
    run_mkdocs(project.paths, root / "build" / "docs", root / "site")
    mk_warm = time.perf_counter() - t
    return {"articles": articles, "pages": len(site.files), "import_s": import_s, "gen_cold": gen_cold,
            "mkdocs_cold": mk_cold, "gen_warm": gen_warm, "pages_rewritten": written, "mkdocs_warm": mk_warm,
            "gen_peak_mb": gen_rss}


def bench_concordance(folder: Path) -> int:
    """Target: every version pair of the corpus (37 in lawrefbook-national) paired in well
    under a minute (parsing excluded)."""
    pairs = dated_version_pairs(folder)
    texts = [(read_version(a).texts(), read_version(b).texts()) for a, b in pairs]
    start = time.perf_counter()
    for old, new in texts:
        concordance(old, new)
    spent = time.perf_counter() - start
    articles = sum(len(o) + len(n) for o, n in texts)
    print(f"concordance: {len(pairs)} version pairs, {articles} articles in {spent:.2f}s "
          f"({1000 * spent / max(1, len(pairs)):.0f} ms a pair); under 30 s: {'yes' if spent < 30 else 'NO'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="corpus sizes as multiples of the seeds (default 1,10,50)")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--concordance", metavar="CORPUS",
                        help="instead: time the article concordance of every dated version pair under CORPUS")
    args = parser.parse_args(argv)
    if args.concordance:
        return bench_concordance(Path(args.concordance))
    if args.run:
        print(json.dumps(run_one(Path(args.run))))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    print(f"{'size':>5} {'articles':>8} {'pages':>6} | {'gen cold':>8} {'mkdocs':>8} {'ratio':>6} | "
          f"{'gen warm':>8} {'rewrit.':>7} {'mkdocs':>8} | {'gen ms/art':>10} {'peak MB':>8} {'KB/art':>7}")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"statute-bench-{size}x-") as tmp:
            root = make_corpus(Path(tmp) / "project", size)
            out = subprocess.run([sys.executable, "-m", "generator.bench", "--run", str(root)],
                                 capture_output=True, text=True, cwd=REPO)
            if out.returncode != 0:
                print(out.stderr, file=sys.stderr)
                return 1
            r = json.loads(out.stdout.strip().splitlines()[-1])
        r["size"] = size
        rows.append(r)
        ratio = r["gen_cold"] / r["mkdocs_cold"]
        print(f"{size:>4}x {r['articles']:>8} {r['pages']:>6} | {r['gen_cold']:>7.2f}s {r['mkdocs_cold']:>7.2f}s "
              f"{ratio:>5.0%} | {r['gen_warm']:>7.2f}s {r['pages_rewritten']:>7} {r['mkdocs_warm']:>7.2f}s | "
              f"{1000 * r['gen_cold'] / r['articles']:>10.2f} {r['gen_peak_mb']:>8.1f} "
              f"{1024 * r['gen_peak_mb'] / r['articles']:>7.1f}", flush=True)
    print()
    ok_ratio = all(r["gen_cold"] < r["mkdocs_cold"] / 4 for r in rows)
    per_article = [r["gen_cold"] / r["articles"] for r in rows]
    linear = max(per_article) < 2 * min(per_article)
    print(f"generator < 1/4 of MkDocs at every size: {'yes' if ok_ratio else 'NO'}")
    print(f"generator time per article within 2x across sizes (linear growth): {'yes' if linear else 'NO'} "
          f"({', '.join(f'{1000 * x:.2f} ms' for x in per_article)})")
    print(f"warm rebuild after one annotation edit rewrote: "
          f"{', '.join(str(r['pages_rewritten']) + ' pages' for r in rows)} (import time excluded: "
          f"{rows[0]['import_s']:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
