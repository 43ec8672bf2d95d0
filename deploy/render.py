"""Render deploy/nginx.conf.template for Debian's nginx, as the official nginx image does
for compose.yaml: `${NAME}` from the values given, nginx's own `$variables` untouched.

    python deploy/render.py OUT PROXY_LISTEN=127.0.0.1:8000 PROXY_UPSTREAM=127.0.0.1:8001

Used by scripts/serve and tests/services.py. A placeholder left without a value is an
error here (the image would leave it in place, and nginx would then refuse the file with a
less helpful message).
"""

import re
import sys
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("nginx.conf.template")


def render(values: dict[str, str]) -> str:
    text = Template(TEMPLATE.read_text()).safe_substitute(values)
    missing = sorted(set(re.findall(r"\$\{([A-Z_]+)\}", text)))
    if missing:
        raise SystemExit(f"deploy/render.py: no value for {', '.join(missing)}")
    return text


def main(out: str, *assignments: str) -> None:
    values = dict(assignment.split("=", 1) for assignment in assignments)
    Path(out).write_text(render(values))


if __name__ == "__main__":
    main(*sys.argv[1:])
