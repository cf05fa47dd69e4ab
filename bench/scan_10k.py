"""`licensegate scan` of a 10,000-file repository, a fresh process each run (median of 3).

The tree is generated once into a temporary folder: Python modules (a few load models), YAML
and JSON configs, Markdown, JavaScript and data files, 100 folders of 100 files, plus a
node_modules and a .git that the scan must skip. Usage: python bench/scan_10k.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FILES = 10_000
MODULE = '''"""Module {n}."""
import json
import os


def handler_{n}(event, context):
    value = json.loads(event["body"])
    return {{"statusCode": 200, "body": json.dumps(value), "n": {n}}}


class Service{n}:
    def __init__(self):
        self.name = "service-{n}"
        self.path = os.path.join("data", "{n}.json")

    def run(self, items):
        return [item * 2 for item in items if item % 3]
'''
LOADER = 'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("{model}")\n'
MODELS = ("meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "google/gemma-2-9b")
CONFIG = (
    "service:\n  name: svc-{n}\n  replicas: 2\n  env:\n    - name: LOG_LEVEL\n      value: info\n"
)


def _generate(root: Path) -> None:
    kinds = ("py", "py", "py", "py", "yaml", "json", "md", "js", "txt", "csv")
    for index in range(FILES):
        folder = root / f"pkg{index // 100:03}"
        folder.mkdir(exist_ok=True)
        kind = kinds[index % len(kinds)]
        path = folder / f"file{index}.{kind}"
        if kind == "py":
            text = MODULE.format(n=index)
            if index % 500 == 0:
                text += LOADER.format(model=MODELS[index % len(MODELS)])
        elif kind == "yaml":
            text = CONFIG.format(n=index)
        elif kind == "json":
            text = f'{{"name": "item-{index}", "values": [1, 2, 3], "nested": {{"a": "b"}}}}\n'
        else:
            text = f"line {index}\n" * 20
        path.write_text(text, encoding="utf-8")
    for skipped in ("node_modules/lib", ".git/objects"):
        (root / skipped).mkdir(parents=True)
        for index in range(200):
            (root / skipped / f"x{index}.py").write_text(LOADER.format(model="x/y"))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    licensegate = Path(sys.executable).with_name("licensegate")
    with tempfile.TemporaryDirectory(prefix="licensegate-scan-bench-") as folder:
        root = Path(folder)
        _generate(root)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(
                [str(licensegate), "scan", "--root", str(root), "--format", "json"],
                capture_output=True,
                check=True,
            )
            times.append(time.perf_counter() - started)
        models = done.stdout.count(b'"in_catalog"')
    print(
        f"scan of {FILES} files: median {statistics.median(times):.2f} s over {runs} runs "
        f"({', '.join(f'{t:.2f}' for t in times)}); {models} models found"
    )


if __name__ == "__main__":
    main()
