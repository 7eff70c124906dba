// The search over a small fake index: two shards answered by a stand-in for pagefind, the
// vocabulary, facets and fragments served by a stand-in for fetch. Checks what the browser
// adds to pagefind: the vocabulary decides which shards are searched, and only candidates
// whose text really contains the query are kept.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";

import { publish } from "./publish.mjs";

const site = publish();
after(site.remove);
const contract = await site.load("contract.js");
const { pagefindWord } = await site.load("tokens.js");

const SHARDS = ["pagefind/", "pagefind-2/"];
const PAGES = { // id → [shard, fragment]; b has 总 and 磷 but not 总磷, as a false candidate would
  a: [0, { url: "/issues/a/", meta: { title: "A", [contract.TEXT_META]: "洞庭湖总磷超标，COD 较高" }, filters: { type: ["问题"] } }],
  b: [0, { url: "/issues/b/", meta: { title: "B", [contract.TEXT_META]: "总体磷肥" }, filters: { type: ["问题"] } }],
  c: [1, { url: "/issues/c/", meta: { title: "C", [contract.TEXT_META]: "总 磷偏高" }, filters: { type: ["信访件"] } }],
  d: [0, { url: "/staff/", meta: { title: "D", [contract.TEXT_META]: "洞庭湖总磷的录入方法" }, filters: { type: [contract.STAFF_TYPE] } }],
};
const VOCAB = { 总磷: [2, 1], 洞庭: [2, 0], 庭湖: [2, 0], 湖总: [2, 0], 总体: [1, 0], 磷肥: [1, 0], 磷超: [1, 0], 超标: [1, 0], cod: [1, 1], 偏高: { 1: 1 } }; // 偏高 as index.py writes a token in few of many shards

const index = await site.load("index.js"); // fetches nothing until a search
const files = { [contract.SHARDS_FILE]: JSON.stringify(SHARDS), [contract.FACETS_FILE]: JSON.stringify({ type: { 问题: 2, 信访件: 1 } }) };
for (const [token, counts] of Object.entries(VOCAB)) {
  const name = `${contract.VOCAB_DIR}${index.bucketOf(token)}.json`;
  files[name] = JSON.stringify({ ...JSON.parse(files[name] || "{}"), [token]: counts });
}
// cod is rare: its pages are listed (c's text has no COD: a candidate the check drops).
files[`${contract.RARE_DIR}${index.bucketOf("cod")}.json`] = JSON.stringify({ cod: [[0, "a"], [1, "c"]] });
for (const [id, [shard, fragment]] of Object.entries(PAGES)) {
  const bytes = Buffer.concat([Buffer.from(contract.FRAGMENT_SIGNATURE), Buffer.from(JSON.stringify(fragment))]);
  // c as a host that sent it with Content-Encoding: gzip would hand it over: already inflated.
  files[`${SHARDS[shard]}${contract.FRAGMENT_DIR}${id}${contract.FRAGMENT_SUFFIX}`] = id === "c" ? bytes : gzipSync(bytes);
}
const rootUrl = new URL(`file://${site.root}/`).href;
const fetched = [];
globalThis.fetch = async (url) => {
  const path = String(url).slice(rootUrl.length);
  fetched.push(path);
  return path in files ? new Response(files[path]) : new Response("", { status: 404 });
};

// The first shard's pagefind.js is imported once per shard (a module instance each, told its folder); each asks
// globalThis.fakePagefind, which answers every page of the shard.
const asked = [];
for (const dir of SHARDS) {
  mkdirSync(join(site.root, dir), { recursive: true });
  writeFileSync(join(site.root, dir, "pagefind.js"), [
    `globalThis.programsLoaded = (globalThis.programsLoaded || []).concat(${JSON.stringify(dir)} + new URL(import.meta.url).hash);`,
    "let basePath = null;",
    "export async function options(o) { basePath = o.basePath; }",
    "export function preload() {}",
    "export async function search(query, options) { return globalThis.fakePagefind(basePath, query, options); }",
  ].join("\n"));
}
globalThis.fakePagefind = (basePath, query, options) => {
  const dir = SHARDS.find((d) => basePath.endsWith(`/${d}`));
  asked.push({ dir, query, options });
  const shard = SHARDS.indexOf(dir);
  return { results: Object.keys(PAGES).filter((id) => PAGES[id][0] === shard).map((id) => ({ id })), filters: {} };
};

test("a token's vocabulary bucket is the one index.py writes it to", () => {
  // The same tokens and buckets as tests/unit/search/test_search_contract.py (BUCKETED).
  const expected = { 总磷: 59, 总: 59, "2\u03d95": 367, pm2: 445, d1: 349, 5: 53, yz202000131: 101 };
  assert.deepEqual(Object.fromEntries(Object.keys(expected).map((t) => [t, index.bucketOf(t)])), expected);
  const split = new Set(["ge", "gen", "gen2"]);
  assert.equal(index.keyOf("gen2024000862", split), "gen20");
  assert.equal(index.bucketOf("gen2024000862", split), 98);
});

test("candidates are kept only when their text contains the query", async () => {
  asked.length = 0;
  const state = await index.search("总磷");
  // One pagefind program for every shard, a module instance each.
  assert.deepEqual(globalThis.programsLoaded.sort(), SHARDS.map((dir) => `${SHARDS[0]}#${dir}`).sort());
  assert.deepEqual(state.verified.map((data) => data.url), ["/issues/a/", "/issues/c/"]);
  assert.equal(state.total, 2);
  assert.equal(state.countKnown, true);
  assert.deepEqual(state.facets, { type: { 问题: 1, 信访件: 1 } });
  assert.deepEqual(asked.map((a) => a.dir).sort(), [...SHARDS].sort());
  for (const a of asked) {
    assert.equal(a.query, pagefindWord("总磷"));
    assert.deepEqual(a.options.sort, { [contract.SORT_KEY]: "desc" });
  }
});

test("a shard without every token is not searched, nor is any when a token is nowhere", async () => {
  asked.length = 0;
  const state = await index.search("洞庭湖");
  assert.deepEqual(state.verified.map((data) => data.url), ["/issues/a/"]);
  assert.deepEqual(asked.map((a) => a.dir), ["pagefind/"]);
  asked.length = 0;
  const none = await index.search("洞庭湖北京"); // pagefind alone would drop 北京 and answer for 洞庭湖
  assert.deepEqual(none.verified, []);
  assert.deepEqual(asked, []);
});

test("the facet counts come from facets.json", async () => {
  assert.deepEqual(await index.allFilters(), { type: { 问题: 2, 信访件: 1 } });
});

test("words are ANDed, in either order; a word found nowhere finds nothing", async () => {
  for (const query of ["洞庭湖 总磷", "总磷\u3000洞庭湖"]) {
    const state = await index.search(query);
    assert.deepEqual(state.verified.map((data) => data.url), ["/issues/a/"], query);
    assert.deepEqual(state.needles.slice().sort(), ["总磷", "洞庭湖"]);
  }
  assert.deepEqual((await index.search("总磷 超标")).verified.map((d) => d.url), ["/issues/a/"]);
  assert.deepEqual((await index.search("总磷 北京")).verified, []);
  // Quoted, the space is part of the phrase, which (without spaces, as normalised) is nowhere.
  assert.deepEqual((await index.search('"总磷 洞庭湖"')).verified, []);
});

test("the staff guide is left out unless its type is picked", async () => {
  assert.deepEqual((await index.search("洞庭湖总磷")).verified.map((d) => d.url), ["/issues/a/"]);
  const picked = await index.search("洞庭湖总磷", { type: [contract.STAFF_TYPE] });
  assert.ok(picked.verified.some((d) => d.url === "/staff/"));
});

test("before every candidate is checked, the count is estimated from the vocabulary", () => {
  const state = { countKnown: false, total: 3, verified: [1, 2, 3], checked: 4, upper: 100 };
  assert.equal(index.estimate(state), 3 + Math.round(96 * 0.75));
  assert.equal(index.estimate({ ...state, upper: null }), null); // a filter is ticked: unknown
  assert.equal(index.estimate({ ...state, countKnown: true }), 3);
});

test("a query that finds nothing gets queries one character away that do", async () => {
  const found = await index.suggest("洞庭湖总鳞"); // a typo for 总磷
  assert.equal(found[0].query, "洞庭湖总磷"); // a character replaced, before one left out (洞庭湖总)
  assert.ok(found[0].count >= 1); // checked only as far as one result: the count may be an estimate
  assert.ok(found.every((s) => s.count > 0));
  assert.deepEqual(await index.suggest("北京上海"), []);
});

test("every shard's WebAssembly is fetched from the first shard's folder", async () => {
  await index.search("总磷"); // the shards' engines are started
  fetched.length = 0;
  await globalThis.fetch(new URL("pagefind-2/wasm.zh.pagefind", rootUrl));
  await globalThis.fetch(new URL("pagefind-2/pagefind-entry.json", rootUrl));
  assert.deepEqual(fetched, ["pagefind/wasm.zh.pagefind", "pagefind-2/pagefind-entry.json"]);
});

test("a rare letter or digit token's pages come from its list, without pagefind", async () => {
  asked.length = 0;
  const state = await index.search("COD");
  assert.deepEqual(state.verified.map((d) => d.url), ["/issues/a/"]);
  assert.equal(state.countKnown, true);
  assert.deepEqual(asked, []);
  assert.deepEqual((await index.search("COD", { type: ["信访件"] })).verified, []); // filters checked here
});

test("a token written as {shard: pages} is read as the others", async () => {
  asked.length = 0;
  assert.deepEqual((await index.search("偏高")).verified.map((d) => d.url), ["/issues/c/"]);
  assert.deepEqual(asked.map((a) => a.dir), ["pagefind-2/"]); // the vocabulary has it in the second shard only
});
