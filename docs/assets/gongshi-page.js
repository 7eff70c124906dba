// Page helpers for record pages (issues, notices, petitions): complete and copy a citation; print cleanly.

// A citation's reader parts: the date of citing and, where the site has no public address set, this
// page's own address (render/engine.py: CITE_TODAY, CITE_TODAY_CN, CITE_HERE).
const now = new Date();
const pad = (n) => String(n).padStart(2, "0");
const fill = {
  today: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
  "today-cn": `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`,
  here: location.href.split("#")[0],
};
for (const part of document.querySelectorAll("[data-cite]")) {
  if (part.dataset.cite in fill) part.textContent = fill[part.dataset.cite];
}

// Copy a citation (or any text marked data-copy) to the clipboard, and say so.
for (const button of document.querySelectorAll("button.gs-copy[data-copy]")) {
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy).textContent.trim();
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "已复制";
    } catch {
      const range = document.createRange(); // clipboard blocked: select it for Ctrl+C
      range.selectNodeContents(document.getElementById(button.dataset.copy));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      button.textContent = "已选中，请按 Ctrl+C";
    }
    setTimeout(() => (button.textContent = "复制"), 3000);
  });
}

// On paper a link cannot be followed: print each link's full address after it,
// and the date of printing in the page footer.
function beforePrint() {
  for (const a of document.querySelectorAll("article a[href]")) {
    if (a.closest(".gs-screen-only") || a.classList.contains("gs-anchor") || a.href === location.href) continue;
    const note = document.createElement("span");
    note.className = "gs-print-url";
    note.textContent = `（${decodeURI(a.href)}）`;
    a.after(note);
  }
  const date = new Date();
  for (const el of document.querySelectorAll("[data-print-date]")) {
    el.textContent = `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
  }
}

function afterPrint() {
  for (const note of document.querySelectorAll(".gs-print-url")) note.remove();
}

window.addEventListener("beforeprint", beforePrint);
window.addEventListener("afterprint", afterPrint);
