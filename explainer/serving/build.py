"""What this build of the site is: a hash of everything that shapes a response (code,
templates, static files, content, translations).

Whole pages are cached (explainer/serving/cache.py), possibly in a Redis shared by many
app servers that outlives any one of them. Its keys include this hash, so a deploy that
changes a template or a stylesheet never serves a page rendered by the old code, and app
servers running the same code share their entries. Hashed from the files' contents, not
their dates, so every server with the same checkout agrees.
"""

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("explainer", "systems", "templates", "static", "locale")
KINDS = {".py", ".html", ".txt", ".svg", ".css", ".js", ".md", ".json", ".mo"}


@cache
def build_id() -> str:
    digest = hashlib.sha256()
    for part in PARTS:
        for path in sorted((ROOT / part).rglob("*")):
            if path.suffix in KINDS and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
