// The search page: the form, facets in the URL, the result list. The entry module of
// search.html; the search itself is index.js, the tokenizer tokens.js.

import { GROUP_RECORD, ORDER_META, PLACE_META, PROSE_META, TEXT_META } from "./contract.js";
import { PAGE, allFilters, estimate, morePending, preload, root, search, suggest, timer, verify, verifyUntil } from "./index.js";
import { normalizedWithMap } from "./tokens.js";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const SENTENCE_END = /[。！？；!?;\n]/u;
const BEFORE = 60; // characters of context at most, before and after the first match
const AFTER = 100;

// The sentence around the first match of any query word, from the page's prose (its own text,
// not its labels); every match inside is marked. Without a match there, the prose's opening.
function excerpt(data, needles) {
  const p = el("p", { class: "gs-result__excerpt" });
  const bare = needles.map((n) => n.replace(/ /g, "")).filter(Boolean);
  const prose = data.meta[PROSE_META] || "";
  let text = prose;
  let { out, map } = normalizedWithMap(text); // spaces dropped here: match without them
  let hits = bare.map((n) => out.indexOf(n)).filter((at) => at >= 0);
  // A record matched only by its labels shows its own text's opening; a listing, the line that matched.
  if (!hits.length && !(data.meta[ORDER_META] || "").startsWith(`${GROUP_RECORD}-`)) {
    const line = (data.meta[TEXT_META] || "").split("\n").find((l) => bare.some((n) => normalizedWithMap(l).out.includes(n)));
    if (line) {
      text = line;
      ({ out, map } = normalizedWithMap(text));
      hits = bare.map((n) => out.indexOf(n)).filter((at) => at >= 0);
    }
  }
  if (!hits.length) {
    const first = (prose || data.meta[TEXT_META] || "").split("\n")[0];
    p.textContent = first.slice(0, AFTER) + (first.length > AFTER || prose.length > first.length ? "…" : "");
    return p;
  }
  const at = map[Math.min(...hits)];
  let from = at;
  while (from > 0 && at - from < BEFORE && !SENTENCE_END.test(text[from - 1])) from--;
  let to = at;
  while (to < text.length && to - at < AFTER && !SENTENCE_END.test(text[to])) to++;
  if (to < text.length && SENTENCE_END.test(text[to]) && text[to] !== "\n") to++; // keep the full stop
  // Mark each match inside [from, to): positions in the normalized text map back to the text.
  const marks = [];
  for (const n of bare) {
    for (let k = out.indexOf(n); k >= 0; k = out.indexOf(n, k + 1)) {
      const start = map[k];
      const end = map[k + n.length - 1] + 1;
      if (start >= from && end <= to) marks.push([start, end]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  p.append(from > 0 && !SENTENCE_END.test(text[from - 1]) ? "…" : "");
  let cursor = from;
  for (const [start, end] of marks) {
    if (start < cursor) continue;
    p.append(text.slice(cursor, start), el("mark", { text: text.slice(start, end) }));
    cursor = end;
  }
  p.append(text.slice(cursor, to) + (to < text.length && !SENTENCE_END.test(text[to - 1]) ? "…" : ""));
  return p;
}

const number = new Intl.NumberFormat("zh-CN");

function readUrl(facetKeys) {
  const params = new URLSearchParams(location.search);
  const selected = {};
  for (const key of facetKeys) selected[key] = params.getAll(key);
  return { q: params.get("q") || "", selected };
}

function writeUrl(q, selected, replace) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const [key, values] of Object.entries(selected)) for (const v of values) params.append(key, v);
  const url = `${location.pathname}${params.toString() ? "?" + params : ""}`;
  if (url !== location.pathname + location.search) history[replace ? "replaceState" : "pushState"](null, "", url);
}

async function start(box) {
  const labels = Object.fromEntries(JSON.parse(box.dataset.facets)); // [[key, label], ...] in display order
  const keys = JSON.parse(box.dataset.facets).map(([key]) => key);
  const form = box.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = box.querySelector(".gs-search__status");
  const facetBox = box.querySelector(".gs-search__facets");
  const list = box.querySelector(".gs-search__results");
  const more = box.querySelector(".gs-search__more");
  const order = box.querySelector(".gs-search__order");
  const suggestions = box.querySelector(".gs-search__suggest");
  let state = null;
  let current = readUrl(keys);
  let allFacets = await allFilters();
  const filtersBox = box.querySelector(".gs-search__filters");
  // Filters open beside the results on wide screens; on phones they fold under a summary.
  if (window.matchMedia("(min-width: 45em)").matches || keys.some((k) => current.selected[k].length)) filtersBox.open = true;

  function renderFacets() {
    facetBox.replaceChildren();
    const counts = state ? state.facets : allFacets;
    for (const key of keys) {
      const values = Object.keys(allFacets[key] || {}).sort((a, b) => a.localeCompare(b, "zh"));
      if (!values.length) continue;
      const fieldset = el("fieldset", { class: "gs-facet" }, el("legend", { text: labels[key] }));
      for (const value of values) {
        const id = `f-${key}-${value}`;
        const n = (counts && counts[key] && counts[key][value]) || 0;
        const checked = current.selected[key].includes(value);
        // Until every candidate is checked the counts are lower bounds: every value stays offered.
        const partial = state && !state.countKnown;
        if (!n && !checked && state && !partial) continue;
        const box = el("input", { type: "checkbox", id, name: key, value });
        box.checked = checked;
        box.addEventListener("change", () => {
          const set = new Set(current.selected[key]);
          box.checked ? set.add(value) : set.delete(value);
          current.selected[key] = [...set];
          writeUrl(current.q, current.selected, false);
          run();
        });
        fieldset.append(el("div", { class: "gs-facet__item" }, box, el("label", { for: id, text: partial ? (n ? `${value}（至少 ${n}）` : value) : `${value}（${n}）` })));
      }
      facetBox.append(fieldset);
    }
  }

  function renderResults() {
    list.replaceChildren();
    order.hidden = true;
    suggestions.hidden = true;
    if (!state) {
      status.textContent = "请输入要查找的文字，或在左侧选择筛选条件。";
      more.hidden = true;
      return;
    }
    // Records first, then listings, hand-written pages last; newest first within each (ORDER_META).
    const shown = state.verified.slice().sort((a, b) => (b.meta[ORDER_META] || "").localeCompare(a.meta[ORDER_META] || ""));
    for (const data of shown) {
      const link = el("a", { href: new URL(data.url.replace(/^\//, ""), root).href, text: data.meta.title });
      const tags = el("p", { class: "gs-result__tags" });
      for (const key of ["type", "status"]) for (const v of (data.filters || {})[key] || []) tags.append(el("span", { class: "gs-tag", text: v }), " ");
      // One line of place · source, as in the site's listings.
      const where = [data.meta[PLACE_META], ...((data.filters || {}).source || [])].filter(Boolean).join(" · ");
      const meta = where ? el("p", { class: "gs-result__meta", text: where }) : "";
      list.append(el("li", { class: "gs-result" }, el("h3", {}, link), tags, meta, excerpt(data, state.needles)));
    }
    const what = current.q ? `包含“${current.q}”的页面` : "符合条件的页面";
    if (state.countKnown) {
      status.textContent = state.total ? `共找到 ${number.format(state.total)} 个${what}。` : `没有找到${what}。`;
    } else {
      const about = estimate(state);
      status.textContent = `已找到 ${number.format(state.total)} 个${what}` +
        (about > state.total ? `，估计共约 ${number.format(about)} 个` : "") + "，还有更多待核对。";
    }
    order.hidden = !state.verified.length;
    more.hidden = !morePending(state);
  }

  // On a miss: queries one character away that do find pages, each a link to its own search.
  async function offerSuggestions(asked) {
    const found = await suggest(asked.q, asked.selected);
    if (asked !== current || !found.length) return;
    suggestions.replaceChildren("您是不是要找：");
    found.forEach(({ query, count, exact }, i) => {
      const params = new URLSearchParams({ q: query });
      for (const [key, values] of Object.entries(asked.selected)) for (const v of values) params.append(key, v);
      if (i) suggestions.append("、");
      // A suggestion and its count stay on one line.
      suggestions.append(el("span", { class: "gs-search__suggestion" }, el("a", { href: `?${params}`, text: query }),
        `（${exact ? "" : "约 "}${number.format(count)} 个）`));
    });
    suggestions.hidden = false;
  }

  async function run() {
    box.dataset.ready = "false"; // tests and assistive tools can wait for "true"
    input.value = current.q;
    status.textContent = "正在查找……";
    state = await search(current.q, current.selected);
    if (state && !state.needles.length) await verify(state, PAGE);
    const clock = timer();
    renderFacets();
    renderResults();
    clock.lap("render");
    if (state && state.needles.length && state.countKnown && !state.total) {
      await offerSuggestions(current);
      clock.lap("suggest");
    }
    window.gongshiSearchTimings = { ...(state && state.timings), ...clock.laps, candidates: state && state.seen ? state.seen.size : 0 };
    box.dataset.ready = "true";
  }

  // While the reader types, fetch the index chunks the query will need (pagefind's preload),
  // so that pressing Enter only has to rank and check the candidates.
  let typing = null;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => preload(input.value), 150);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    current.q = input.value.trim();
    writeUrl(current.q, current.selected, false);
    run();
  });
  more.addEventListener("click", async () => {
    box.dataset.ready = "false";
    more.disabled = true;
    await verifyUntil(state, PAGE);
    renderFacets();
    renderResults();
    more.disabled = false;
    box.dataset.ready = "true";
  });
  window.addEventListener("popstate", () => {
    current = readUrl(keys);
    run();
  });
  await run();
}

const box = document.getElementById("gs-search");
if (box) start(box);
