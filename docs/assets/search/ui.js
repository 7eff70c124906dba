// The search page: the form, facets in the URL, the result list. The entry module of
// search.html; the search itself is index.js, the tokenizer tokens.js.

import { TEXT_META } from "./contract.js";
import { PAGE, allFilters, morePending, preload, root, search, timer, verify, verifyUntil } from "./index.js";
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

function excerpt(text, needle) {
  const p = el("p", { class: "gs-result__excerpt" });
  if (!needle) {
    p.textContent = text.slice(0, 120) + (text.length > 120 ? "…" : "");
    return p;
  }
  const { out, map } = normalizedWithMap(text); // spaces dropped here: match without them
  const bare = needle.replace(/ /g, "");
  const at = out.indexOf(bare);
  if (at < 0) return p;
  const start = map[at];
  const end = map[at + bare.length - 1] + 1;
  const from = Math.max(0, start - 50);
  const to = Math.min(text.length, end + 70);
  p.append((from > 0 ? "…" : "") + text.slice(from, start));
  p.append(el("mark", { text: text.slice(start, end) }));
  p.append(text.slice(end, to) + (to < text.length ? "…" : ""));
  return p;
}

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
    if (!state) {
      status.textContent = "请输入要查找的文字，或在左侧选择筛选条件。";
      more.hidden = true;
      return;
    }
    for (const data of state.verified) {
      const link = el("a", { href: new URL(data.url.replace(/^\//, ""), root).href, text: data.meta.title });
      const tags = el("p", { class: "gs-result__tags" });
      for (const key of ["type", "status"]) for (const v of (data.filters || {})[key] || []) tags.append(el("span", { class: "gs-tag", text: v }), " ");
      list.append(el("li", { class: "gs-result" }, el("h3", {}, link), tags, excerpt(data.meta[TEXT_META] || "", state.needle)));
    }
    const what = current.q ? `包含“${current.q}”的页面` : "符合条件的页面";
    status.textContent = state.countKnown ? `共找到 ${state.total} 个${what}。` : `已找到 ${state.total} 个${what}，还有更多待核对。`;
    more.hidden = !morePending(state);
  }

  async function run() {
    box.dataset.ready = "false"; // tests and assistive tools can wait for "true"
    input.value = current.q;
    status.textContent = "正在查找……";
    state = await search(current.q, current.selected);
    if (state && !state.needle) await verify(state, PAGE);
    const clock = timer();
    renderFacets();
    renderResults();
    clock.lap("render");
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
