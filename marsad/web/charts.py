"""Server-side SVG charts (no JavaScript, no vendored library): every label is escaped."""
from __future__ import annotations

from markupsafe import Markup, escape

MAX_BARS = 60


def bucket(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Daily counts, or monthly sums when there are more than ``MAX_BARS`` days."""
    if len(counts) <= MAX_BARS:
        return counts
    months: dict[str, int] = {}
    for day, n in counts:
        months[day[:7]] = months.get(day[:7], 0) + n
    return sorted(months.items())[-MAX_BARS:]


def bar_chart(counts: list[tuple[str, int]], width: int = 640, height: int = 180,
              label: str = "") -> Markup:
    """A bar chart, time running right to left like the page (oldest bar on the right)."""
    data = bucket(counts)
    if not data:
        return Markup("")
    top = max(n for _, n in data) or 1
    pad, base = 24, height - 28
    slot = (width - 2 * pad) / len(data)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(label)}">',
             f'<text x="{width - pad}" y="14" class="chart-max" text-anchor="end">{top}</text>',
             f'<line x1="{pad}" y1="{base}" x2="{width - pad}" y2="{base}" class="axis"/>']
    for i, (key, n) in enumerate(data):
        h = (base - 20) * n / top
        x = width - pad - (i + 1) * slot + slot * 0.15
        parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" '
                     f'height="{h:.1f}" class="bar"><title>{escape(key)}: {n}</title></rect>')
    for i in sorted({0, len(data) - 1}):
        x = width - pad - (i + 0.5) * slot
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" '
                     f'class="chart-label">{escape(data[i][0])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
