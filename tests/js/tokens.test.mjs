// The tokenizer in Node (its agreement with text.py is tests/test_search_contract.py).
import assert from "node:assert/strict";
import { after, test } from "node:test";

import { publish } from "./publish.mjs";

const site = publish();
after(site.remove);
const tokens = await site.load("tokens.js");

test("a Chinese query becomes its character pairs; one character stays a prefix", () => {
  assert.deepEqual(tokens.queryTokens("洞庭湖"), ["洞庭", "庭湖"]);
  assert.deepEqual(tokens.queryTokens("湖"), ["湖"]);
});

test("letter and digit runs join, and digits join around a decimal point", () => {
  assert.deepEqual(tokens.queryTokens("PM2.5"), ["pm2", "2\u03d95"]);
  assert.deepEqual(tokens.queryTokens("D1YZ202000131"), ["d1", "1yz", "yz202000131"]);
  assert.deepEqual(tokens.runs("5.69mg/l"), ["5", "5\u03d969", "69", "69mg", "mg", "l"]);
});

test("normalize folds full-width forms and case, and keeps one space between Latin words only", () => {
  assert.equal(tokens.normalize("ＰＭ２．５ 浓度"), "pm2.5浓度");
  assert.equal(tokens.normalize("VS  Code"), "vs code");
  assert.equal(tokens.normalize("总 磷\u3000a"), "总磷a");
});

test("pagefind words are ASCII spellings of CJK tokens, from the shared mark", async () => {
  const { WORD_MARK } = await site.load("contract.js");
  assert.equal(tokens.pagefindWord("总磷"), `${WORD_MARK}603b78f7`);
  assert.equal(tokens.pagefindWord("pm2"), "pm2");
  assert.equal(tokens.pagefindQuery(["总磷", "cod"]), `${WORD_MARK}603b78f7 cod`);
});

test("normalizedWithMap maps each normalized character back to the text", () => {
  const text = "含 ＣＯＤ 超标";
  const { out, map } = tokens.normalizedWithMap(text);
  assert.equal(out, "含cod超标");
  const at = out.indexOf("cod");
  assert.equal(text.slice(map[at], map[at + 2] + 1), "ＣＯＤ");
});

test("white space (ASCII or full-width) separates words; quotes keep a phrase", () => {
  assert.deepEqual(tokens.queryWords("沅江 秸秆"), ["沅江", "秸秆"]);
  assert.deepEqual(tokens.queryWords("沅江\u3000秸秆  沅江"), ["沅江", "秸秆"]);
  assert.deepEqual(tokens.queryWords('"岳阳楼区 公示"'), ["岳阳楼区公示"]);
  assert.deepEqual(tokens.queryWords("“VS Code” ＰＭ２．５"), ["vs code", "pm2.5"]);
  assert.deepEqual(tokens.queryWords('"未闭合  '), ["未闭合"]);
  assert.deepEqual(tokens.queryWords(" \u3000 "), []);
});
