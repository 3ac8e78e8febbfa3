// The dashboard's charts: the choropleth of Lampung by kabupaten/kota (switchable indicator), registry
// by desil and the semester trend. Data come from the page's json_script (#dashboard-data); the
// boundaries from a static GeoJSON. No inline script (CSP).
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("dashboard-data").textContent);
  const numberFormat = new Intl.NumberFormat("id-ID");

  function drawMap(element) {
    const chart = echarts.init(element);
    const labels = Object.fromEntries(data.indicators.map((item) => [item.key, item.label]));

    function optionFor(indicator) {
      const values = data.map.map((item) => item.values[indicator]);
      return {
        tooltip: {
          trigger: "item",
          formatter: (params) =>
            params.data ? `${params.data.district}<br>${labels[indicator]}: ${numberFormat.format(params.data.value)}` : params.name,
        },
        visualMap: {
          min: 0,
          max: Math.max(1, ...values),
          left: "left",
          bottom: 0,
          text: ["tinggi", "rendah"],
          calculable: true,
          inRange: { color: ["#e8f5e9", "#1b5e20"] },
          formatter: (value) => numberFormat.format(Math.round(value)),
        },
        series: [{
          type: "map",
          map: "lampung",
          nameProperty: "kode",
          roam: false,
          label: { show: false },
          emphasis: { label: { show: true, formatter: (params) => (params.data ? params.data.district : "") } },
          data: data.map.map((item) => ({ name: item.name, value: item.values[indicator], district: item.district, url: item.url })),
        }],
      };
    }

    chart.on("click", (params) => {
      if (params.data && params.data.url) window.location.assign(params.data.url);
    });
    document.querySelectorAll("input[name='map-indicator']").forEach((input) => {
      input.addEventListener("change", () => {
        chart.setOption(optionFor(input.value), { replaceMerge: ["series"] });
        element.dataset.indicator = input.value;
      });
    });
    fetch(element.dataset.geojson, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((geojson) => {
        echarts.registerMap("lampung", geojson);
        chart.setOption(optionFor("poor"));
        element.dataset.indicator = "poor";
        element.dataset.ready = "true";
      });
    window.addEventListener("resize", () => chart.resize());
  }

  function drawBars(element, labels, series) {
    const chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: (value) => numberFormat.format(value) },
      legend: { show: series.length > 1 },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: "category", data: labels },
      yAxis: series.map((item, index) => ({
        type: "value",
        show: index === 0,
        axisLabel: { formatter: (value) => numberFormat.format(value) },
      })),
      series: series.map((item, index) => ({ ...item, yAxisIndex: index })),
    });
    window.addEventListener("resize", () => chart.resize());
  }

  const map = document.getElementById("dashboard-map");
  if (map && data.map) drawMap(map);
  const desil = document.getElementById("desil-chart");
  if (desil) drawBars(desil, data.desil.labels, [{ name: "Keluarga", type: "bar", data: data.desil.households, itemStyle: { color: "#198754" } }]);
  const trend = document.getElementById("trend-chart");
  if (trend) {
    drawBars(trend, data.trend.labels, [
      { name: "Intervensi", type: "bar", data: data.trend.interventions, itemStyle: { color: "#198754" } },
      { name: "Realisasi (Rp)", type: "line", data: data.trend.realised },
    ]);
  }
})();
