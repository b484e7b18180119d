"""Server-drawn SVG charts: named and described for assistive technology, escaped, colour-blind
safe colours, no data shown as such."""

from xml.etree import ElementTree as ET

from reporting import charts

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_bar_chart_is_a_named_described_image():
    svg = _parse(
        charts.bar_chart(
            chart_id="c1",
            title="Plans <by> need",
            description="ASD 3 & SEMH 1",
            labels=["Autistic spectrum disorder", "Social, emotional and mental health"],
            series={"Plans": [3, 1]},
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Plans <by> need"  # escaped, then parsed back
    assert svg.find(f"{SVG}desc").text == "ASD 3 & SEMH 1"
    bars = list(svg.iter(f"{SVG}rect"))
    # Counts run from 0 to a round number above the largest (here 5): 3 is three fifths long.
    assert [float(b.get("width")) for b in bars] == [198.0, 66.0]
    assert {b.get("fill") for b in bars} == {charts.PALETTE[0]}
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "3" in texts and "1" in texts


def test_long_labels_wrap_and_missing_values_say_so():
    svg = _parse(
        charts.bar_chart(
            chart_id="c2",
            title="t",
            description="d",
            labels=["Decisions notified within 4 weeks of the meeting, this period"],
            series={"Including": [None], "Excluding": [46.4]},
            unit="%",
            max_value=100,
        )
    )
    spans = [t.text for t in svg.iter(f"{SVG}tspan")]
    assert spans == ["Decisions notified within 4 weeks of", "the meeting, this period"]
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert "no data" in texts and "46.4%" in texts


def test_line_chart_second_series_differs_by_dash_and_marker():
    svg = _parse(
        charts.line_chart(
            chart_id="c3",
            title="Trend",
            description="d",
            labels=["Jan 2026", "Feb 2026", "Mar 2026"],
            series={"Including": [50.0, None, 70.0], "Excluding": [40.0, 45.0, 60.0]},
            reference=("England 2024: 46.4%", 46.4),
        )
    )
    lines = list(svg.iter(f"{SVG}polyline"))
    # The gap in the first series leaves no line to draw for it; the second is dashed.
    assert len(lines) == 1 and lines[0].get("stroke-dasharray") == charts.DASHES[1]
    assert len(list(svg.iter(f"{SVG}circle"))) == 2  # first series: circles
    markers = [r for r in svg.iter(f"{SVG}rect") if r.get("width") == "8"]
    assert len(markers) == 3  # second series: squares
    assert any("England 2024" in "".join(t.itertext()) for t in svg.iter(f"{SVG}text"))


def test_a_percentage_is_drawn_on_a_0_to_100_scale_with_a_labelled_axis():
    svg = _parse(
        charts.bar_chart(
            chart_id="c3",
            title="Within 20 weeks",
            description="75% and 50%",
            labels=["This year", "Last year"],
            series={"Per cent": [75, 50]},
            unit="%",
        )
    )
    bars = [float(b.get("width")) for b in svg.iter(f"{SVG}rect")]
    assert bars == [247.5, 165.0]  # three quarters and half of the 330-wide scale
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert [t for t in texts if t in {"0%", "25%", "50%", "75%", "100%"}][-5:] == [
        "0%",
        "25%",
        "50%",
        "75%",
        "100%",
    ]
    assert "Per cent (0 to 100)" in texts
