// The search over the index: shards, vocabulary buckets, pagefind instances, fragment
// decoding, and the literal check of candidates. pagefind finds candidate pages by our own
// tokens (tokens.js); each candidate is kept only if its text really contains the query, so
// a result list holds exactly the pages whose visible text contains what was typed.
// The files read here are written by src/gongshi/search/pagefind/index.py; their names and
// the other shared constants come from contract.js (written by the build from
// search/contract.py). No DOM here: Node imports this module.

import {
  FACETS_FILE, FRAGMENT_DIR, FRAGMENT_SIGNATURE, FRAGMENT_SUFFIX, SHARDS_FILE, SLICE_FILTER, SLICES, SORT_KEY,
  CJK, RARE_DIR, RARE_PAGES, STAFF_TYPE, TEXT_META, VOCAB_BUCKETS, VOCAB_DIR, VOCAB_HASH, VOCAB_SPLITS,
} from "./contract.js";
import { normalize, pagefindQuery, queryTokens, queryWords } from "./tokens.js";

export const root = new URL("../..", import.meta.url); // this file lives in assets/search/
export const PAGE = 20; // results shown at a time
const TARGET = 40; // candidates asked of pagefind at a time when a word is on many pages (see searchShard)

// Large sites are indexed in shards (pagefind/, pagefind-2/, ...). Each is its own
// pagefind instance: importing a shard's own pagefind.js gives a separate module.
// A shard is started only when a search needs it (the vocabulary says which do),
// on the main thread: pagefind's worker would cost every shard another script and
// copy every candidate list between threads.
let dirs = null;
async function shardDirs() {
  if (!dirs) dirs = fetch(new URL(SHARDS_FILE, root)).then((r) => r.json());
  return dirs;
}

// Every shard's folder holds the same pagefind program (pagefind.js and its WebAssembly). Each shard
// needs its own instance of the module (pagefind keeps its WebAssembly state at module level), so
// each imports the first shard's copy under its own fragment (#shard): a separate module, one download.
const started = new Map();
function engine(dir) {
  if (!started.has(dir)) {
    started.set(dir, shardDirs().then(async (all) => {
      shareWasm(all);
      const pf = await import(new URL(`${all[0]}pagefind.js#${dir}`, root).href);
      // baseUrl "/": result URLs stay site-relative ("/issues/x/").
      await pf.options({ basePath: new URL(dir, root).pathname, baseUrl: "/", noWorker: true });
      return pf;
    }));
  }
  return started.get(dir);
}

// Each instance fetches the WebAssembly from its own shard's folder: those requests are answered
// from the first shard's copy (the same bytes), so it is downloaded once and then comes from the cache.
const WASM = /\/wasm\.[^/]+\.pagefind$/;
let shared = false;
function shareWasm(all) {
  if (shared) return;
  shared = true;
  const first = new URL(all[0], root).href;
  const others = all.slice(1).map((dir) => new URL(dir, root).href);
  const own = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, root).href;
    const other = WASM.test(url) && others.find((prefix) => url.startsWith(prefix));
    return own(other ? first + url.slice(other.length) : input, init);
  };
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
const STARTS_CJK = new RegExp(`^[${CJK}]`, "u");
// Twin of index.py's vocab_key and vocab_bucket: a Chinese token's file by its first character, another's
// by its first two, one more for as long as that prefix is a split key (VOCAB_SPLITS).
export function keyOf(token, splits = new Set()) {
  const chars = [...token];
  if (STARTS_CJK.test(token)) return chars[0];
  let n = 2;
  while (splits.has(chars.slice(0, n).join("")) && n < chars.length) n++;
  return chars.slice(0, n).join("");
}
export function bucketOf(token, splits = new Set()) {
  let bucket = 0;
  for (const ch of keyOf(token, splits)) bucket = (bucket * VOCAB_HASH + ch.codePointAt(0)) % VOCAB_BUCKETS;
  return bucket;
}
let splitKeys = null;
const splits = () => (splitKeys = splitKeys || fetch(new URL(VOCAB_SPLITS, root)).then((r) => (r.ok ? r.json() : [])).then((keys) => new Set(keys)));
// The vocabulary can list the words a token begins when they all share its file: a Chinese
// token, or one of two or more letters or digits whose key is not split further. Otherwise
// only pagefind can expand it as a prefix.
const expandable = async (token) => STARTS_CJK.test(token) || ([...token].length > 1 && !(await splits()).has(keyOf(token, await splits())));

async function bucketFor(token) {
  const n = bucketOf(token, await splits());
  if (!vocab.has(n)) {
    vocab.set(n, fetch(new URL(`${VOCAB_DIR}${n}.json`, root)).then((r) => (r.ok ? r.json() : {})).then(dense));
  }
  return vocab.get(n);
}

// A token in few of many shards is written {"shard": pages} (index.py): as an array like the others.
function dense(bucket) {
  for (const [token, counts] of Object.entries(bucket)) {
    if (Array.isArray(counts)) continue;
    const array = [];
    for (const [shard, n] of Object.entries(counts)) array[Number(shard)] = n;
    bucket[token] = Array.from(array, (n) => n || 0);
  }
  return bucket;
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
    if (!exact && !(await expandable(token))) continue; // in every shard, as far as the vocabulary can tell
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
    if (!(await expandable(token))) return { variants: [tokens], exact: false }; // let pagefind match the prefix
    const bucket = await bucketFor(token);
    const words = Object.keys(bucket).filter((w) => w.startsWith(token));
    if (!words.length) return { variants: [], exact: true }; // some token is nowhere: no page has the query
    const choices = words; // the token itself and every longer word it begins
    if (variants.length * choices.length > MAX_VARIANTS) return { variants: [tokens], exact: false }; // let pagefind match prefixes
    variants = variants.flatMap((v) => choices.map((w) => [...v, w]));
  }
  return { variants, exact: true };
}

// Every token of every word of a query: a page holding every word has them all.
const tokensOf = (words) => [...new Set(words.flatMap((word) => queryTokens(word)))];

// Preload (while the reader types) the index chunks a query will need.
export async function preload(query) {
  const tokens = tokensOf(queryWords(query));
  if (!tokens.length) return;
  // Codes and figures (no Chinese token): a lone letter or digit typed on the way starts nothing,
  // and a query whose pages are listed (pagefind/rare/) needs no pagefind.
  if (!tokens.some((t) => STARTS_CJK.test(t))) {
    const strong = tokens.filter((t) => [...t].length > 1);
    if (!strong.length || (await rarePages(strong))) return;
  }
  const dirs = await shardDirs();
  const mask = await shardsWithAll(tokens, dirs.length);
  // Exact words only: a lone character (as while typing 总磷) stands for every word it begins.
  const words = await Promise.all(tokens.map(async (t) => ((await bucketFor(t))[t] && [...t].length > 1 ? t : null)));
  for (const shard of await needed(dirs, mask, words.every(Boolean) ? words : null)) {
    const chosen = words.every(Boolean) ? await rarest(words, shard) : tokens;
    const sliced = words.every(Boolean) && (await pagesWith(chosen[0], shard)) > TARGET;
    (await engine(dirs[shard])).preload(pagefindQuery(chosen), sliced ? { filters: { [SLICE_FILTER]: { any: ["0"] } } } : {}); // see searchShard
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
  return (await fetch(new URL(FACETS_FILE, root))).json();
}

// Search: returns {verified, pending, total, countKnown, estimate(), facets, needles}. The query's
// words (queryWords) are ANDed: a page is a result when its text holds every one of them.
// `first`: how many results to check for at first (a page of them), checking at most `maxChecks`
// candidates, at least `batch` at a time.
export async function search(query, selected = {}, { first = PAGE, maxChecks = Infinity, batch = 0 } = {}) {
  const count = (await shardDirs()).length;
  const filters = filtersFor(selected);
  const words = queryWords(query);
  // The staff guide is left out unless the reader asks for it by its type.
  const staffShown = (selected.type || []).includes(STAFF_TYPE);
  if (!words.length) {
    if (!Object.keys(filters).length) return null;
    const all = await shardDirs();
    const answers = await Promise.all((await engines()).map((pf) => pf.search(null, { filters, sort: { [SORT_KEY]: "desc" } })));
    const results = answers.flatMap((a, i) => a.results.map((r) => withFragment(all[i], r)));
    const facets = answers.reduce((t, a) => addCounts(t, a.filters), {});
    return { candidates: results, verified: [], pending: results.slice(), countKnown: true, total: results.length, facets, needles: [], staffShown };
  }
  const clock = timer();
  const tokens = tokensOf(words);
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
  // A rare letter or digit token lists its pages itself: no pagefind instance is needed.
  const listed = await rarePages(tokens);
  if (listed) sources.push(async () => ({ results: listed.map(([shard, id]) => withFragment(dirs[shard], { id })) }));
  // The shards the first page of results likely needs are searched at once, side by side.
  const eager = new Set(listed ? [] : await needed(dirs, masks.reduce((all, m) => all | m, 0n), variants.length === 1 && exact ? variants[0] : null));
  if (!listed) dirs.forEach((dir, i) => {
    variants.forEach((words, v) => {
      if (!(masks[v] & bit(i))) return;
      const run = () => searchShard(dir, i, words, exact, filters);
      if (!eager.has(i)) return sources.push(run);
      const started = run();
      sources.push(() => started);
    });
  });
  const upper = Object.keys(filters).length ? null : await upperBound(words);
  const state = {
    verified: [], pending: [], sources, seen: new Set(), countKnown: false, total: 0, checked: 0, upper, facets: {},
    needles: words, staffShown, clock, filters: listed ? selected : null, // pagefind applies them otherwise
  };
  await verifyUntil(state, first, maxChecks, batch);
  state.timings = clock.laps;
  return state;
}

// A result's page data (url, title, text, filters): its pagefind fragment, read here rather
// than by result.data(), which inflates it in JavaScript and cuts an excerpt from the
// fragment's content (empty: the build puts the page text in meta[TEXT_META] after indexing,
// see add_texts in search/pagefind/index.py). A fragment is FRAGMENT_SIGNATURE + JSON, gzipped
// (or already inflated, if the host sent it with Content-Encoding: gzip).
export function withFragment(dir, result) {
  if (typeof DecompressionStream !== "function") return result;
  return {
    id: result.id,
    async data() {
      const response = await fetch(new URL(`${dir}${FRAGMENT_DIR}${result.id}${FRAGMENT_SUFFIX}`, root));
      let bytes = new Uint8Array(await response.arrayBuffer());
      if (new TextDecoder().decode(bytes.subarray(0, FRAGMENT_SIGNATURE.length)) !== FRAGMENT_SIGNATURE) {
        const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
      }
      return JSON.parse(new TextDecoder().decode(bytes.subarray(FRAGMENT_SIGNATURE.length)));
    },
  };
}

// Each shard's pages, newest first, are cut into SLICES parts (the hidden filter SLICE_FILTER,
// see slice_plan in search/pagefind/index.py). For a word on many pages, pagefind is asked for
// the newest slices first, enough for about TARGET candidates: the same results in the same
// order, a part of the work at a time.

async function searchShard(dir, shard, words, exact, filters) {
  const chosen = exact ? await rarest(words, shard) : words;
  const pf = await engine(dir);
  const query = pagefindQuery(chosen);
  const run = async (slices) => {
    const only = slices ? { ...filters, [SLICE_FILTER]: { any: slices.map(String) } } : filters;
    return { results: (await pf.search(query, { filters: only, sort: { [SORT_KEY]: "desc" } })).results.map((r) => withFragment(dir, r)) };
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
export function timer() {
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
export async function verifyUntil(state, wanted, maxChecks = Infinity, batch = 0) {
  const goal = state.verified.length + wanted;
  do {
    const need = Math.min(Math.max(goal - state.verified.length, batch), maxChecks - (state.checked || 0));
    const lap = (name) => state.clock && state.clock.lap(name);
    await fill(state, need);
    lap("pagefind");
    await verify(state, need);
    lap("verify");
  } while (state.verified.length < goal && morePending(state) && (state.checked || 0) < maxChecks);
  return state;
}

// Check `count` more candidates literally; keep those whose text contains the query.
export async function verify(state, count) {
  const batch = state.pending.splice(0, count);
  const datas = await Promise.all(batch.map((r) => r.data()));
  state.checked = (state.checked || 0) + batch.length;
  for (const data of datas) {
    if (!state.staffShown && ((data.filters || {}).type || []).includes(STAFF_TYPE)) continue;
    if (state.filters && !Object.entries(state.filters).every(([key, values]) => !values.length
        || values.some((v) => ((data.filters || {})[key] || []).includes(v)))) continue;
    const text = state.needles.length ? normalize(data.meta[TEXT_META] || "") : "";
    if (state.needles.every((needle) => text.includes(needle))) state.verified.push(data);
  }
  if (state.needles.length) {
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

// How many pages a search will likely find, before every candidate is checked: at most as many
// as have the rarest of its tokens (the vocabulary's page counts), scaled by the share of
// candidates checked so far that held the query. null when unknown (a filter is ticked).
export function estimate(state) {
  if (state.countKnown) return state.total;
  if (state.upper == null) return null;
  const rate = state.checked ? state.verified.length / state.checked : 1;
  const rest = Math.max(0, state.upper - state.checked);
  return Math.max(state.verified.length, Math.round(state.verified.length + rest * rate));
}

const sum = (counts) => (counts || []).reduce((a, b) => a + b, 0);

// Pages having a token: exact from the vocabulary, or (a prefix) at most those of the words it begins.
async function pagesHaving(token) {
  if (!(await expandable(token))) return Infinity;
  const bucket = await bucketFor(token);
  if (bucket[token] && [...token].length > 1) return sum(bucket[token]);
  return Object.entries(bucket).reduce((n, [word, counts]) => (word.startsWith(token) ? n + sum(counts) : n), 0);
}

async function upperBound(words) {
  let upper = Infinity;
  for (const token of tokensOf(words)) upper = Math.min(upper, await pagesHaving(token));
  return Number.isFinite(upper) ? upper : null;
}

// "您是不是要找": queries one character away from a query that found nothing, whose words all
// exist in the index, each checked by searching it; those with results, most results first.
const IS_CJK = new RegExp(`^[${CJK}]+$`, "u");
const MAX_TRIED = 3;
const SUGGEST_CHECKS = 20;
const MAX_SHOWN = 3;

export async function suggest(query, selected = {}) {
  const words = queryWords(query);
  const count = (await shardDirs()).length;
  const tried = [];
  for (let i = 0; i < words.length; i++) {
    for (const near of await nearWords(words[i])) {
      const alternative = words.map((w, k) => (k === i ? near : w));
      const tokens = tokensOf(alternative);
      if (!tokens.length || !(await shardsWithAll(tokens, count))) continue;
      let score = Infinity;
      for (const token of tokens) score = Math.min(score, await pagesHaving(token));
      tried.push({ query: alternative.map((w) => (w.includes(" ") ? `"${w}"` : w)).join(" "), score, rank: tried.length });
    }
  }
  tried.sort((a, b) => b.score - a.score || a.rank - b.rank);
  // Each tried side by side, as far as one result among its first candidates: a query whose words
  // all exist but never side by side would otherwise have every candidate checked.
  const states = await Promise.all(tried.slice(0, MAX_TRIED).map(({ query: q }) => search(q, selected, { first: 1, maxChecks: SUGGEST_CHECKS, batch: SUGGEST_CHECKS / 2 })));
  const found = [];
  states.forEach((state, i) => {
    if (state && state.verified.length) found.push({ query: tried[i].query, count: estimate(state) || state.verified.length, exact: state.countKnown });
  });
  return found.sort((a, b) => b.count - a.count).slice(0, MAX_SHOWN); // stable: the likelier first on a tie
}

// Words one character away from `word`: one character left out, two neighbours swapped, or one
// character replaced where the vocabulary knows the pair it would make with the one before it
// (a Chinese word), or by a word of the index one letter or digit away (a Latin word or number).
async function nearWords(word) {
  const chars = [...word];
  const out = new Set(); // most likely first: a character replaced, two swapped, one left out
  if (IS_CJK.test(word)) {
    for (let i = 1; i < chars.length; i++) {
      const bucket = await bucketFor(chars[i - 1]);
      for (const pair of Object.keys(bucket)) {
        const [first, second] = [...pair];
        if (first === chars[i - 1] && second && second !== chars[i] && IS_CJK.test(second)) {
          out.add([...chars.slice(0, i), second, ...chars.slice(i + 1)].join(""));
        }
      }
    }
  } else if (/^[a-z0-9]+$/u.test(word) && word.length > 1) {
    for (const other of Object.keys(await bucketFor(word))) if (oneApart(word, other)) out.add(other);
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const swapped = chars.slice();
    [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    out.add(swapped.join(""));
  }
  if (chars.length > 2) for (let i = 0; i < chars.length; i++) out.add(chars.filter((_, k) => k !== i).join(""));
  out.delete(word);
  return [...out];
}

function oneApart(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// The pages holding every listed token of a query (letter and digit tokens on at most RARE_PAGES
// pages, pagefind/rare/), in result order ([[shard, fragment], ...]); null when none is listed.
// Only a token that begins no other word of the index will do: every page holding the query then
// holds that very token.
const rare = new Map();
async function rarePages(tokens) {
  const lists = [];
  for (const word of tokens) {
    if (STARTS_CJK.test(word) || !(await expandable(word))) continue;
    const bucket = await bucketFor(word);
    const pages = sum(bucket[word]);
    if (!pages || pages > RARE_PAGES) continue;
    if (Object.keys(bucket).some((other) => other !== word && other.startsWith(word))) continue;
    const n = bucketOf(word, await splits());
    if (!rare.has(n)) rare.set(n, fetch(new URL(`${RARE_DIR}${n}.json`, root)).then((r) => (r.ok ? r.json() : {})));
    lists.push(rare.get(n).then((listed) => listed[word] || null));
  }
  const found = (await Promise.all(lists)).filter(Boolean);
  if (!found.length) return null;
  found.sort((a, b) => a.length - b.length);
  const key = ([shard, id]) => `${shard}/${id}`;
  return found.slice(1).reduce((kept, list) => {
    const has = new Set(list.map(key));
    return kept.filter((page) => has.has(key(page)));
  }, found[0]);
}
