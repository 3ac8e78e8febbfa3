"""Bar charts for the PDF, drawn as SVG from the numbers on the server (no JavaScript).

Each chart is plain geometry (bars with x, y, width, height and labels) that the PDF template turns
into ``<svg>`` elements, so every label passes through Django's autoescaping.
"""

from dataclasses import dataclass, field

from .reports_tables import number

WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 16, 36, 18
COLOURS = ("#198754", "#fd7e14", "#0d6efd")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    value: str
    value_y: float


@dataclass
class Chart:
    title: str
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, series name)
    bars: list[Bar] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)  # (x of the centre, category)
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    label_y: float = HEIGHT - BOTTOM + 14


def bar_chart(title: str, categories: list[str], series: dict[str, list[int]], *, money: bool = False) -> Chart:
    """Vertical bars, one group per category and one bar per series, scaled to the largest value."""
    chart = Chart(title, legend=[(COLOURS[i % len(COLOURS)], name) for i, name in enumerate(series)])
    biggest = max((value for values in series.values() for value in values), default=0) or 1
    slot = (WIDTH - 2 * LEFT) / max(len(categories), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    plot_height = HEIGHT - BOTTOM - TOP
    for index, category in enumerate(categories):
        left = LEFT + index * slot + slot * 0.1
        chart.labels.append((left + slot * 0.4, category))
        for position, (colour, values) in enumerate(zip((c for c, _ in chart.legend), series.values(), strict=True)):
            height = plot_height * values[index] / biggest
            y = HEIGHT - BOTTOM - height
            chart.bars.append(
                Bar(
                    left + position * bar_width,
                    y,
                    bar_width * 0.92,
                    height,
                    colour,
                    _short(values[index], money),
                    y - 3,
                )
            )
    return chart


def _short(value: int, money: bool) -> str:
    """Bar labels stay short: ``Rp 1,2 M`` (miliar), ``Rp 350 jt`` (juta), or the whole number."""
    if not money:
        return number(value)
    if value >= 1_000_000_000:
        return f"Rp {value / 1_000_000_000:.1f} M".replace(".", ",")
    if value >= 1_000_000:
        return f"Rp {value / 1_000_000:.0f} jt"
    return f"Rp {number(value)}"
