// The query tokenizer: twin of src/gongshi/search/text.py, with its constants from
// contract.js (written by the build from search/contract.py). pagefind finds candidate
// pages by these tokens (CJK character pairs, runs of letters and of digits, and their
// joins); tests check in Node and in the browser that both sides give the same output.
// No DOM here: Node imports this module.

import { CJK, WORD_MARK } from "./contract.js";

const TOKEN = new RegExp(`[${CJK}]+|[a-z]+|[0-9]+`, "gu");
const IS_CJK = new RegExp(`^[${CJK}]`, "u");

// Twin of text.py's normalize: no white space, except one space between two Latin words or numbers.
export function normalize(text) {
  return text.normalize("NFKC").toLowerCase().replace(/(?<=[a-z0-9])\s+(?=[a-z0-9])/gu, " ")
    .replace(/\s+/gu, (gap, at, all) => (gap === " " && /[a-z0-9]/.test(all[at - 1] || "") && /[a-z0-9]/.test(all[at + 1] || "") ? " " : ""));
}

const JOIN_PARTS = /[a-z]+|[0-9]+/g;
const isJoin = (run) => !IS_CJK.test(run) && (run.match(JOIN_PARTS) || []).length > 1;

// Twin of text.py's _runs: CJK runs, letter and digit runs, and the joins of neighbouring ones.
export function runs(text) {
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
          out.push(previous.run + WORD_MARK + run);
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
  return WORD_MARK + [...token].map((ch) => ch.codePointAt(0).toString(16).padStart(4, "0")).join("");
}

export const pagefindQuery = (words) => words.map(pagefindWord).join(" ");

// Twin of text.py's query_words: white space (ASCII or full-width) separates words, a phrase
// in quotes ("…" or “…”) is one word; each word normalised. A page matches when its text holds every word.
const WORD = /"([^"]*)"|“([^”]*)”|(\S+)/gu;
export function queryWords(query) {
  const out = new Set();
  for (const match of (query || "").normalize("NFKC").matchAll(WORD)) {
    const phrase = match[1] !== undefined ? match[1] : match[2];
    const word = normalize(phrase !== undefined ? phrase : match[3].replace(/["“”]/gu, "")).trim();
    if (word) out.add(word);
  }
  return [...out];
}

// Map positions in normalize(text) back to positions in text, for excerpts.
export function normalizedWithMap(text) {
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
