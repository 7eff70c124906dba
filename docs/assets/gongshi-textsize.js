// 适老化: the "大字" switch in the header enlarges all text on the site (a class on <html>, see
// gongshi.css) and remembers the choice in localStorage. Loaded in <head>, not deferred, so a
// saved choice applies before the first paint; the button is wired once the page is parsed.
const KEY = "gongshi-text-size";
const LARGE = "gs-large-text";

function savedLarge() {
  try {
    return localStorage.getItem(KEY) === "large";
  } catch {
    return false; // storage disabled: the switch still works for this page
  }
}

function apply(large) {
  document.documentElement.classList.toggle(LARGE, large);
  for (const button of document.querySelectorAll(".gs-textsize")) {
    button.setAttribute("aria-pressed", String(large));
    button.title = large ? "恢复标准字号" : "放大全站文字";
  }
}

apply(savedLarge());

document.addEventListener("DOMContentLoaded", () => {
  apply(savedLarge());
  for (const button of document.querySelectorAll(".gs-textsize")) {
    button.hidden = false; // without JavaScript the switch could not work, so it stays hidden
    button.addEventListener("click", () => {
      const large = !document.documentElement.classList.contains(LARGE);
      try {
        localStorage.setItem(KEY, large ? "large" : "standard");
      } catch {
        // not persisted, but applied
      }
      apply(large);
    });
  }
});
