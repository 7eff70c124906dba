// The search API in one module, for scripts and tests that import it; the search page
// itself loads search/ui.js. The work is done in search/: tokens.js (the tokenizer, twin of
// src/gongshi/search/text.py), index.js (the index and the literal check), ui.js (the page).

export { normalize, pagefindWord, queryTokens } from "./search/tokens.js";
export { allFilters, morePending, preload, search, verify, verifyUntil } from "./search/index.js";
