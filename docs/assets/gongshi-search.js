// gongshi search: literal-phrase search over pagefind, with facets in the URL.
//
// pagefind finds candidate pages by our own tokens (CJK character pairs, runs
// of letters and of digits; see hooks/gongshi/search/text.py, whose twin
// functions are normalize/queryTokens below). Each candidate is kept only if
// its text really contains the query, so a result list holds exactly the
// pages whose visible text contains what was typed.

const root = new URL("..", import.meta.url); // this file lives in assets/
const CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const TOKEN = new RegExp(`[${CJK}]+|[a-z]+|[0-9]+`, "gu");
const IS_CJK = new RegExp(`^[${CJK}]`, "u");
const PAGE = 20; // results shown at a time

// Twin of text.py's normalize: no white space, except one space between two Latin words or numbers.
export function normalize(text) {
  return text.normalize("NFKC").toLowerCase().replace(/(?<=[a-z0-9])\s+(?=[a-z0-9])/gu, " ")
    .replace(/\s+/gu, (gap, at, all) => (gap === " " && /[a-z0-9]/.test(all[at - 1] || "") && /[a-z0-9]/.test(all[at + 1] || "") ? " " : ""));
}

const MARK = "\u03d9"; // ϙ, see text.py
const JOIN_PARTS = /[a-z]+|[0-9]+/g;
const isJoin = (run) => !IS_CJK.test(run) && (run.match(JOIN_PARTS) || []).length > 1;

// Twin of text.py's _runs: CJK runs, letter and digit runs, and the joins of neighbouring ones.
function runs(text) {
  const out = [];
  let previous = null;
  for (const match of text.matchAll(TOKEN)) {
    const run = match[0];
    const end = match.index + run.length;
    if (IS_CJK.test(run)) {
      previous = null;
    } else {
      if (previous) {
        if (previous.end === match.index) out.push(previous.run + run);
        else if (previous.end + 1 === match.index && text[previous.end] === "." && /^[0-9]+$/.test(run) && /^[0-9]+$/.test(previous.run)) {
          out.push(previous.run + MARK + run);
        }
      }
      previous = { run, end };
    }
    out.push(run);
  }
  return out;
}

// Twin of text.py's query_tokens.
export function queryTokens(query) {
  const all = runs(normalize(query));
  const joined = new Set(all.filter(isJoin).flatMap((run) => run.match(JOIN_PARTS)));
  const tokens = [];
  for (const run of all) {
    const chars = [...run];
    if (IS_CJK.test(run) && chars.length > 1) {
      for (let i = 0; i < chars.length - 1; i++) tokens.push(chars[i] + chars[i + 1]);
    } else if (!joined.has(run) || isJoin(run)) {
      tokens.push(run);
    }
  }
  const unique = [...new Set(tokens)];
  const strong = unique.filter((t) => t.length > 1 || IS_CJK.test(t));
  return strong.length ? strong : unique;
}

// Twin of text.py's pagefind_word: the ASCII spelling of a CJK token that pagefind indexes
// (pagefind would split 总磷 into the prefixes 总 and 磷 with Intl.Segmenter).
export function pagefindWord(token) {
  if (!IS_CJK.test(token)) return token;
  return "\u03d9" + [...token].map((ch) => ch.codePointAt(0).toString(16).padStart(4, "0")).join("");
}

const pagefindQuery = (words) => words.map(pagefindWord).join(" ");

// Map positions in normalize(text) back to positions in text, for excerpts.
function normalizedWithMap(text) {
  let out = "";
  const map = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    // Most characters are plain ASCII or unified ideographs, which NFKC leaves alone.
    const plain = (cp < 0x80 && !/\s/.test(ch)) || (cp >= 0x4e00 && cp <= 0x9fff);
    const norm = plain ? ch.toLowerCase() : ch.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");
    for (let k = 0; k < norm.length; k++) map.push(i);
    out += norm;
    i += ch.length;
  }
  return { out, map };
}

// Large sites are indexed in shards (pagefind/, pagefind-2/, ...). Each is its own
// pagefind instance: importing a shard's own pagefind.js gives a separate module.
// A shard is started only when a search needs it (the vocabulary says which do),
// on the main thread: pagefind's worker would cost every shard another script and
// copy every candidate list between threads.
let dirs = null;
async function shardDirs() {
  if (!dirs) dirs = fetch(new URL("pagefind/shards.json", root)).then((r) => r.json());
  return dirs;
}

const started = new Map();
function engine(dir) {
  if (!started.has(dir)) {
    started.set(dir, import(new URL(dir + "pagefind.js", root).href).then(async (pf) => {
      await pf.options({ baseUrl: "/", noWorker: true }); // result URLs stay site-relative: "/issues/x/"
      return pf;
    }));
  }
  return started.get(dir);
}

// The engines of the shards whose bit is set in mask (all when mask is omitted), null for the others.
// Masks are BigInts: a large site has more shards than a 32-bit number has bits.
async function engines(mask = -1n) {
  const all = await shardDirs();
  return Promise.all(all.map((dir, i) => (mask & bit(i) ? engine(dir) : null)));
}

// pagefind drops a query word that matches nothing and answers for the rest, so
// before searching we check, in the vocabulary the build wrote, which shards have
// every token (a token is there when some indexed word starts with it).
const vocab = new Map();
async function bucketFor(token) {
  const n = token.codePointAt(0) % 512;
  if (!vocab.has(n)) {
    vocab.set(n, fetch(new URL(`pagefind/vocab/${n}.json`, root)).then((r) => (r.ok ? r.json() : {})));
  }
  return vocab.get(n);
}

// The vocabulary gives, for each token, the pages having it in each shard.
const bit = (i) => 1n << BigInt(i);
const maskOf = (counts) => (counts || []).reduce((mask, n, i) => (n ? mask | bit(i) : mask), 0n);

// pagefind gathers every query word's locations for each result, so its time grows with
// the pages each word is on: it is asked for the rarest few of the (exact) words in a
// shard, which narrow the candidates about as well as all of them; the literal check
// does the rest.
const RARE = 1000; // a word on fewer pages than this in a shard is cheap to add
const MAX_WORDS = 3;
async function rarest(words, shard) {
  const counts = await Promise.all(words.map(async (w) => ((await bucketFor(w))[w] || [])[shard] || 0));
  const order = words.map((w, i) => [counts[i], w]).sort((a, b) => a[0] - b[0]);
  return order.filter(([n], i) => i === 0 || (n < RARE && i < MAX_WORDS)).map(([, w]) => w);
}

async function shardsWithAll(tokens, count, exact = false) {
  let mask = bit(count) - 1n;
  for (const token of tokens) {
    const bucket = await bucketFor(token);
    let has = maskOf(bucket[token]);
    if (!exact && (!has || token.length < 2)) for (const [word, counts] of Object.entries(bucket)) if (word.startsWith(token)) has |= maskOf(counts);
    mask &= has;
    if (!mask) break;
  }
  return mask;
}

const MAX_VARIANTS = 24;

// The query's tokens as lists of exact index words: a token that is itself a word
// stays; one that is only a prefix becomes the words it begins (one search each).
async function exactVariants(tokens) {
  let variants = [[]];
  for (const token of tokens) {
    const bucket = await bucketFor(token);
    const words = Object.keys(bucket).filter((w) => w.startsWith(token));
    if (!words.length) return { variants: [], exact: true }; // some token is nowhere: no page has the query
    const choices = words; // the token itself and every longer word it begins
    if (variants.length * choices.length > MAX_VARIANTS) return { variants: [tokens], exact: false }; // let pagefind match prefixes
    variants = variants.flatMap((v) => choices.map((w) => [...v, w]));
  }
  return { variants, exact: true };
}

// Preload (while the reader types) the index chunks a query will need.
export async function preload(query) {
  const tokens = queryTokens(query);
  if (!tokens.length) return;
  const dirs = await shardDirs();
  const mask = await shardsWithAll(tokens, dirs.length);
  // Exact words only: a lone character (as while typing 总磷) stands for every word it begins.
  const words = await Promise.all(tokens.map(async (t) => ((await bucketFor(t))[t] && [...t].length > 1 ? t : null)));
  for (const shard of await needed(dirs, mask, words.every(Boolean) ? words : null)) {
    const chosen = words.every(Boolean) ? await rarest(words, shard) : tokens;
    const sliced = words.every(Boolean) && (await pagesWith(chosen[0], shard)) > TARGET;
    (await engine(dirs[shard])).preload(pagefindQuery(chosen), sliced ? { filters: { slice: { any: ["0"] } } } : {}); // see searchShard
  }
}

const pagesWith = async (word, shard) => ((await bucketFor(word))[word] || [])[shard] || 0;

// The shards (in mask) a search will likely read for its first page of results: in order,
// until the pages having the rarest word add up to a page of results (all when unknown).
async function needed(dirs, mask, words) {
  const out = [];
  let pages = 0;
  for (let shard = 0; shard < dirs.length && pages < PAGE; shard++) {
    if (!(mask & bit(shard))) continue;
    out.push(shard);
    pages += words ? await pagesWith((await rarest(words, shard))[0], shard) : PAGE;
  }
  return out;
}

function filtersFor(selected) {
  const filters = {};
  for (const [key, values] of Object.entries(selected)) {
    if (values.length) filters[key] = { any: values };
  }
  return filters;
}

function addCounts(total, counts) {
  for (const [key, values] of Object.entries(counts || {})) {
    total[key] = total[key] || {};
    for (const [value, n] of Object.entries(values)) total[key][value] = (total[key][value] || 0) + n;
  }
  return total;
}

// Every facet value with its page count, written by the build: showing them needs
// no pagefind filter index (those are loaded only to search with filters).
export async function allFilters() {
  return (await fetch(new URL("pagefind/facets.json", root))).json();
}

// Search: returns {verified, pending, total, countKnown, facets, needle}.
export async function search(query, selected = {}) {
  const count = (await shardDirs()).length;
  const filters = filtersFor(selected);
  const q = (query || "").trim();
  if (!q) {
    if (!Object.keys(filters).length) return null;
    const all = await shardDirs();
    const answers = await Promise.all((await engines()).map((pf) => pf.search(null, { filters, sort: { date: "desc" } })));
    const results = answers.flatMap((a, i) => a.results.map((r) => withFragment(all[i], r)));
    const facets = answers.reduce((t, a) => addCounts(t, a.filters), {});
    return { candidates: results, verified: [], pending: results.slice(), countKnown: true, total: results.length, facets, needle: "" };
  }
  const clock = timer();
  const tokens = queryTokens(q);
  const needle = normalize(q);
  // pagefind's own prefix matching misses words at some index-chunk boundaries, so
  // prefixes are expanded here from the vocabulary into the exact words they stand
  // for; each variant is searched where all its words exist.
  const { variants, exact } = tokens.length ? await exactVariants(tokens) : { variants: [], exact: true };
  const masks = await Promise.all(variants.map((words) => shardsWithAll(words, count, exact)));
  clock.lap("vocabulary");
  // Shards are searched one at a time, only as far as the results shown need: a common
  // word's first page of results comes from the first shard alone.
  const sources = [];
  const dirs = await shardDirs();
  // The shards the first page of results likely needs are searched at once, side by side.
  const eager = new Set(await needed(dirs, masks.reduce((all, m) => all | m, 0n), variants.length === 1 && exact ? variants[0] : null));
  dirs.forEach((dir, i) => {
    variants.forEach((words, v) => {
      if (!(masks[v] & bit(i))) return;
      const run = () => searchShard(dir, i, words, exact, filters);
      if (!eager.has(i)) return sources.push(run);
      const started = run();
      sources.push(() => started);
    });
  });
  const state = { verified: [], pending: [], sources, seen: new Set(), countKnown: false, total: 0, facets: {}, needle, clock };
  await verifyUntil(state, PAGE);
  state.timings = clock.laps;
  return state;
}

// A result's page data (url, title, text, filters): its pagefind fragment, read here rather
// than by result.data(), which inflates it in JavaScript and cuts an excerpt from the
// fragment's content (empty: the build puts the page text in meta.text after indexing, see
// indexer.add_texts). A fragment is "pagefind_dcd" + JSON, gzipped (or already inflated,
// if the host sent it with Content-Encoding: gzip).
const SIGNATURE = "pagefind_dcd";
function withFragment(dir, result) {
  if (typeof DecompressionStream !== "function") return result;
  return {
    id: result.id,
    async data() {
      const response = await fetch(new URL(`${dir}fragment/${result.id}.pf_fragment`, root));
      let bytes = new Uint8Array(await response.arrayBuffer());
      if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) {
        const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
      }
      return JSON.parse(new TextDecoder().decode(bytes.subarray(SIGNATURE.length)));
    },
  };
}

// Each shard's pages, newest first, are cut into SLICES parts (the hidden filter "slice",
// see indexer.py). For a word on many pages, pagefind is asked for the newest slices first,
// enough for about TARGET candidates: the same results in the same order, a part of the
// work at a time.
const SLICES = 16;
const TARGET = 40;

async function searchShard(dir, shard, words, exact, filters) {
  const chosen = exact ? await rarest(words, shard) : words;
  const pf = await engine(dir);
  const query = pagefindQuery(chosen);
  const run = async (slices) => {
    const only = slices ? { ...filters, slice: { any: slices.map(String) } } : filters;
    return { results: (await pf.search(query, { filters: only, sort: { date: "desc" } })).results.map((r) => withFragment(dir, r)) };
  };
  const pages = exact ? ((await bucketFor(chosen[0]))[chosen[0]] || [])[shard] || 0 : 0;
  const step = pages ? Math.floor((SLICES * TARGET) / pages) : SLICES;
  if (step >= SLICES) return run(null);
  const groups = [];
  for (let from = 0; from < SLICES; from += Math.max(1, step)) {
    groups.push(Array.from({ length: Math.min(Math.max(1, step), SLICES - from) }, (_, k) => from + k));
  }
  const first = await run(groups[0]);
  return { ...first, rest: groups.slice(1).map((group) => () => run(group)) };
}

// More candidates from the next shard (or slice), when those pending run short.
async function fill(state, wanted) {
  while (state.pending.length < wanted && state.sources.length) {
    const { results, rest = [] } = await state.sources.shift()();
    state.sources.unshift(...rest);
    for (const r of results) {
      if (!state.seen.has(r.id)) {
        state.seen.add(r.id);
        state.pending.push(r);
      }
    }
  }
}

export const morePending = (state) => Boolean(state.pending.length || (state.sources && state.sources.length));

// Where a search spends its time (the benchmark reads window.gongshiSearchTimings).
function timer() {
  let last = performance.now();
  const laps = {};
  return {
    laps,
    lap(name) {
      const now = performance.now();
      laps[name] = (laps[name] || 0) + now - last;
      last = now;
    },
  };
}

// Check candidates in batches until `wanted` more results are verified or none are left.
export async function verifyUntil(state, wanted) {
  const goal = state.verified.length + wanted;
  do {
    const need = goal - state.verified.length;
    const lap = (name) => state.clock && state.clock.lap(name);
    await fill(state, need);
    lap("pagefind");
    await verify(state, need);
    lap("verify");
  } while (state.verified.length < goal && morePending(state));
  return state;
}

// Check `count` more candidates literally; keep those whose text contains the query.
export async function verify(state, count) {
  const batch = state.pending.splice(0, count);
  const datas = await Promise.all(batch.map((r) => r.data()));
  for (const data of datas) {
    if (!state.needle || normalize(data.meta.text || "").includes(state.needle)) state.verified.push(data);
  }
  if (state.needle) {
    // With a query the count is what has been checked so far; it is exact once nothing is pending.
    state.total = state.verified.length;
    state.countKnown = !morePending(state);
    const facets = {};
    for (const data of state.verified) {
      for (const [key, values] of Object.entries(data.filters || {})) {
        facets[key] = facets[key] || {};
        for (const v of values) facets[key][v] = (facets[key][v] || 0) + 1;
      }
    }
    state.facets = facets;
  }
  return state;
}

// ---- the search page ----------------------------------------------------

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
      list.append(el("li", { class: "gs-result" }, el("h3", {}, link), tags, excerpt(data.meta.text || "", state.needle)));
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
