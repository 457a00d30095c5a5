/// `GET /dashboard`: one self-contained page — inline CSS and JavaScript, no fonts or scripts
/// from elsewhere, so it works offline and behind any proxy — that polls `/stats` every two
/// seconds and draws the hit rate over time as inline SVG.
enum DashboardPage {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cache-sidecar</title>
<style>
  :root { --bg:#f6f7f9; --card:#fff; --ink:#1d2433; --muted:#677086; --line:#e3e6ec; --accent:#2f6fec; --good:#1f9d62; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--ink); }
  header { display: flex; align-items: baseline; gap: 16px; padding: 18px 28px; background: var(--card); border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 18px; }
  header .status { color: var(--muted); font-size: 13px; }
  main { padding: 20px 28px; display: grid; gap: 18px; max-width: 1200px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
  .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
  .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
  .card .value { font-size: 24px; font-weight: 600; margin-top: 2px; font-variant-numeric: tabular-nums; }
  .card .value.good { color: var(--good); }
  .card .value.latency { font-size: 18px; padding-top: 5px; white-space: nowrap; }
  .plot { display: grid; grid-template-columns: 38px 1fr; gap: 6px; }
  .axis { display: flex; flex-direction: column; justify-content: space-between; height: 220px; color: var(--muted); font-size: 11px; text-align: right; }
  section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
  section h2 { margin: 0 0 10px; font-size: 14px; }
  svg { width: 100%; height: 220px; display: block; }
  .legend { color: var(--muted); font-size: 12px; margin-top: 6px; }
  .legend b { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin: 0 4px 0 12px; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  th, td { text-align: right; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th:first-child, td:first-child { text-align: left; }
  th { color: var(--muted); font-weight: 500; font-size: 12px; white-space: normal; vertical-align: bottom; }
  .error { color: #c0392b; }
</style>
</head>
<body>
<header>
  <h1>cache-sidecar</h1>
  <span class="status" id="status">loading…</span>
  <span class="status" id="semantic"></span>
</header>
<main>
  <div class="cards">
    <div class="card"><div class="label">Requests</div><div class="value" id="requests">–</div></div>
    <div class="card"><div class="label">Hit rate</div><div class="value good" id="hit-rate">–</div></div>
    <div class="card"><div class="label">Hits (exact / semantic)</div><div class="value" id="hits">–</div></div>
    <div class="card"><div class="label">Refusals (guards / alignment)</div><div class="value" id="refusals">–</div></div>
    <div class="card"><div class="label">Alignment skipped</div><div class="value" id="alignment-skipped">–</div></div>
    <div class="card"><div class="label">Upstream calls avoided</div><div class="value" id="calls-avoided">–</div></div>
    <div class="card"><div class="label">Tokens saved</div><div class="value" id="tokens-saved">–</div></div>
    <div class="card"><div class="label">Money saved</div><div class="value good" id="cost-saved">–</div></div>
    <div class="card"><div class="label">Hit p50 / p99</div><div class="value latency" id="hit-latency">–</div></div>
    <div class="card"><div class="label">Miss p50 / p99</div><div class="value latency" id="miss-latency">–</div></div>
  </div>
  <section>
    <h2>Hit rate over time</h2>
    <div class="plot">
    <div class="axis"><span>100%</span><span>75%</span><span>50%</span><span>25%</span><span>0%</span></div>
    <svg id="chart" viewBox="0 0 600 200" preserveAspectRatio="none" role="img" aria-label="hit rate over time">
      <g id="grid"></g>
      <polyline id="line-total" fill="none" stroke="#2f6fec" stroke-width="2" vector-effect="non-scaling-stroke" points=""></polyline>
      <polyline id="line-recent" fill="none" stroke="#1f9d62" stroke-width="1.5" stroke-dasharray="4 3" vector-effect="non-scaling-stroke" points=""></polyline>
    </svg>
    </div>
    <div class="legend"><b style="background:#2f6fec"></b>since start<b style="background:#1f9d62"></b>between refreshes</div>
  </section>
  <section>
    <h2>Per model</h2>
    <table id="models">
      <thead><tr><th>model</th><th>requests</th><th>exact hits</th><th>semantic hits</th><th>guard refusals</th><th>alignment refusals</th><th>alignment skipped</th><th>misses</th><th>bypasses</th><th>errors</th><th>hit rate</th><th>tokens saved</th><th>money saved</th><th>hit p50</th><th>miss p50</th><th>entries</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
</main>
<script>
"use strict";
const history = [];          // {t, total, recent} hit rates in 0…1
let previous = null;         // the last totals, for the rate between refreshes
const $ = (id) => document.getElementById(id);
const percent = (x) => (x * 100).toFixed(1) + "%";
const usd = (x) => "$" + x.toFixed(x < 1 ? 4 : 2);
const number = (x) => x < 10 ? x.toFixed(2) : x.toFixed(0);
const ms = (x) => x == null ? "–" : number(x) + " ms";
const pair = (l) => l.p50 == null ? "–" : number(l.p50) + " / " + number(l.p99) + " ms";
const int = (x) => x.toLocaleString("en-US");

function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }

function render(stats) {
  const t = stats.total;
  $("requests").textContent = int(t.requests);
  $("hit-rate").textContent = percent(t.hit_rate);
  $("hits").textContent = int(t.exact_hits) + " / " + int(t.semantic_hits);
  $("refusals").textContent = int(t.guard_refusals) + " / " + int(t.alignment_refusals);
  $("alignment-skipped").textContent = int(t.alignment_skipped);
  $("calls-avoided").textContent = int(t.upstream_calls_avoided);
  $("tokens-saved").textContent = int(t.tokens_saved.total);
  $("cost-saved").textContent = usd(t.cost_saved_usd);
  $("hit-latency").textContent = pair(t.latency_ms.hit);
  $("miss-latency").textContent = pair(t.latency_ms.miss);
  const s = stats.semantic;
  $("semantic").textContent = s.enabled ? "semantic layer on (" + s.indexed_entries + " vectors in " + s.loaded_contexts + " contexts)" : "semantic layer off";

  const body = $("models").tBodies[0];
  body.replaceChildren();
  for (const [name, m] of Object.entries(stats.models)) {
    const row = document.createElement("tr");
    row.dataset.model = name;
    [name, int(m.requests), int(m.exact_hits), int(m.semantic_hits), int(m.guard_refusals), int(m.alignment_refusals),
     int(m.alignment_skipped), int(m.misses), int(m.bypasses), int(m.errors),
     percent(m.hit_rate), int(m.tokens_saved.total), usd(m.cost_saved_usd), ms(m.latency_ms.hit.p50), ms(m.latency_ms.miss.p50),
     m.entries == null ? "–" : int(m.entries)].forEach((v) => row.appendChild(cell(v)));
    body.appendChild(row);
  }

  const hits = t.hits, eligible = t.hits + t.misses;
  let recent = t.hit_rate;
  if (previous && eligible > previous.eligible) recent = (hits - previous.hits) / (eligible - previous.eligible);
  previous = { hits, eligible };
  history.push({ total: t.hit_rate, recent });
  if (history.length > 300) history.shift();
  draw();
}

function draw() {
  const W = 600, H = 200, n = history.length;
  const x = (i) => n < 2 ? W : (i / (n - 1)) * W;
  const y = (v) => H - v * H;
  $("line-total").setAttribute("points", history.map((p, i) => x(i).toFixed(1) + "," + y(p.total).toFixed(1)).join(" "));
  $("line-recent").setAttribute("points", history.map((p, i) => x(i).toFixed(1) + "," + y(p.recent).toFixed(1)).join(" "));
  const grid = $("grid");
  if (!grid.childElementCount) {
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      const l = document.createElementNS("http://www.w3.org/2000/svg", "line");
      l.setAttribute("x1", 0); l.setAttribute("x2", W); l.setAttribute("y1", y(v)); l.setAttribute("y2", y(v));
      l.setAttribute("stroke", "#e3e6ec"); l.setAttribute("vector-effect", "non-scaling-stroke");
      grid.appendChild(l);
    }
  }
}

async function refresh() {
  try {
    const response = await fetch("stats", { cache: "no-store" });
    if (!response.ok) throw new Error("HTTP " + response.status);
    render(await response.json());
    $("status").textContent = "updated " + new Date().toLocaleTimeString("en-GB");
    $("status").className = "status";
  } catch (e) {
    $("status").textContent = "cannot reach /stats: " + e.message;
    $("status").className = "status error";
  }
}
refresh();
setInterval(refresh, 2000);
</script>
</body>
</html>
"""#
}
